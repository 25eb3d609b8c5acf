package io.fetchbox.observability.iggy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IggyOutageLog}, on a clock the test moves.
 */
@ExtendWith(OutputCaptureExtension.class)
class IggyOutageLogTests {

	private final AtomicLong now = new AtomicLong();

	private final IggyOutageLog log = new IggyOutageLog("10.0.0.7:8090", Duration.ofSeconds(60), this.now::get);

	private final Object main = new Object();

	private final Object tail = new Object();

	@Test
	void aOneMinuteOutageOfTwoClientsIsThreeLines(CapturedOutput output) {
		int start = output.length();
		this.log.failed(this.main, "main", "connection lost during 'send': Connection refused");
		this.log.failed(this.tail, "operator-tail", "connection lost during 'poll': Connection refused");
		// Both clients retry every few seconds, capped backoff, for a minute.
		for (int second = 1; second <= 61; second++) {
			this.now.set(Duration.ofSeconds(second).toNanos());
			if (second % 3 == 0) {
				this.log.failed(this.main, "main", "cannot connect: Connection refused");
				this.log.failed(this.tail, "operator-tail", "cannot connect: Connection refused");
			}
		}
		this.log.connected(this.tail);
		this.log.connected(this.main);
		List<String> lines = ourLines(output.toString().substring(start));
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).contains("WARN", "Iggy at 10.0.0.7:8090 is unreachable",
				"client 'main': connection lost during 'send'", "every 1m");
		assertThat(lines.get(1)).contains("WARN", "still unreachable after 1m and 39 failed reconnect attempts",
				"main, operator-tail");
		assertThat(lines.get(2)).contains("INFO", "reachable again after 1m 1s (40 failed reconnect attempts)");
		assertThat(this.log.inOutage()).isFalse();
	}

	@Test
	void anOutageEndsWhenTheLastClientIsBack(CapturedOutput output) {
		int start = output.length();
		this.log.failed(this.main, "main", "cannot connect: Connection refused");
		this.log.failed(this.tail, "operator-tail", "cannot connect: Connection refused");
		this.log.connected(this.main);
		assertThat(this.log.inOutage()).isTrue();
		assertThat(ourLines(output.toString().substring(start))).hasSize(1);
		this.log.closed(this.tail);
		assertThat(this.log.inOutage()).isFalse();
		// A client closed during an outage does not report a recovery that did not
		// happen.
		assertThat(ourLines(output.toString().substring(start))).hasSize(1);
	}

	private static List<String> ourLines(String output) {
		return output.lines()
			.filter((line) -> line.contains("SupervisedIggyClient"))
			.filter((line) -> line.contains("WARN") || line.contains("INFO"))
			.toList();
	}

}
