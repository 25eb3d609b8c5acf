package io.fetchbox.observability.benchmarks.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link AppOutputDrain}, on real processes writing into a pipe.
 */
class AppOutputDrainTests {

	@TempDir
	Path directory;

	@Test
	void keepsTheFirstBytesInTheFileAndCountsAll() throws Exception {
		// 1 MB, more than a pipe holds: the process ends only if the drain keeps reading.
		Process process = new ProcessBuilder("sh", "-c", "echo Started app; head -c 1048576 /dev/zero")
			.redirectErrorStream(true)
			.start();
		Path file = this.directory.resolve("app.log");
		AppOutputDrain drain = AppOutputDrain.start(process, file, 100);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> drain.bytes() == "Started app\n".length() + 1048576);
		assertThat(Files.size(file)).isEqualTo(100);
		assertThat(Files.readString(file)).startsWith("Started app\n");
	}

	@Test
	void goesOnDrainingWhenTheFileCannotBeWritten() throws Exception {
		Process process = new ProcessBuilder("sh", "-c", "head -c 1048576 /dev/zero").start();
		Path file = this.directory.resolve("missing-directory").resolve("app.log");
		AppOutputDrain drain = AppOutputDrain.start(process, file, 1024);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> drain.bytes() == 1048576);
		assertThat(file).doesNotExist();
	}

}
