package io.fetchbox.observability.iggy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.fetchbox.observability.iggy.IggyConnectionState.Status;
import io.fetchbox.observability.testkit.IggyTestkitExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a service's log shows while the broker is away: the Iggy testkit stopped and
 * started again under a running application whose two clients keep calling it, the log
 * captured as the application writes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class IggyOutageIggyTests {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	@Test
	void anOutageIsOneWarningAReminderPerIntervalAndOneInfo(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CallingApplication.class).run(
				"--spring.main.web-application-type=none", "--spring.config.name=outage-logging-test",
				"--fetchbox.telemetry.logging.format=text", "--fetchbox.telemetry.iggy.address=" + iggy.address(),
				"--fetchbox.telemetry.iggy.request-timeout=1s", "--fetchbox.telemetry.iggy.connect-timeout=1s",
				"--fetchbox.telemetry.iggy.backoff.max=200ms", "--fetchbox.telemetry.iggy.outage-log-interval=1s")) {
			SupervisedIggyClient main = context.getBean(SupervisedIggyClient.class);
			SupervisedIggyClient other = context.getBean(Calls.class).other;
			await().atMost(Duration.ofSeconds(20)).until(() -> main.state().isUp() && other.state().isUp());
			int start = output.length();
			iggy.server().stop();
			long stoppedAt = System.nanoTime();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> main.state().status() == Status.DOWN && other.state().status() == Status.DOWN);
			await().atMost(Duration.ofSeconds(30)).until(() -> reminders(output.toString().substring(start)) >= 3);
			iggy.server().start();
			await().atMost(Duration.ofSeconds(30)).until(() -> main.state().isUp() && other.state().isUp());
			long outageSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt);
			String log = output.toString().substring(start);

			List<String> lines = log.lines().filter((line) -> !line.isBlank()).toList();
			assertThat(lines).noneMatch((line) -> line.contains("Connection pool initialized"));
			assertThat(lines).first().asString().contains("WARN", "is unreachable");
			assertThat(lines).last().asString().contains("INFO", "reachable again after");
			assertThat(lines).filteredOn((line) -> line.contains("reachable again")).hasSize(1);
			// One line to start, one per interval at most, one to end; the attempts
			// themselves are many more.
			assertThat(lines).hasSizeBetween(5, (int) outageSeconds + 2);
			int attempts = Integer.parseInt(lines.get(lines.size() - 1).replaceAll(".*\\((\\d+) failed.*", "$1"));
			assertThat(attempts).isGreaterThan(lines.size());
		}
	}

	private static long reminders(String log) {
		return log.lines().filter((line) -> line.contains("still unreachable")).count();
	}

	/**
	 * Keeps the main client and a dedicated one busy, as a service's appender and
	 * consumers would.
	 */
	static final class Calls implements AutoCloseable {

		final SupervisedIggyClient other;

		private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

		Calls(SupervisedIggyClient main) {
			this.other = main.dedicated("consumer");
			this.scheduler.scheduleWithFixedDelay(() -> {
				main.call("ping", (sdk) -> sdk.system().ping());
				this.other.call("ping", (sdk) -> sdk.system().ping());
			}, 100, 100, TimeUnit.MILLISECONDS);
		}

		@Override
		public void close() {
			this.scheduler.shutdownNow();
			this.other.close();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CallingApplication {

		@Bean
		Calls calls(SupervisedIggyClient main) {
			return new Calls(main);
		}

	}

}
