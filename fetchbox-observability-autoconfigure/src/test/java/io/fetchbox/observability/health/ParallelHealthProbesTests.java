package io.fetchbox.observability.health;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time budget and parallelism of the FetchBox health checks.
 */
class ParallelHealthProbesTests {

	private final ParallelHealthProbes probes = new ParallelHealthProbes(Duration.ofMillis(1000));

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void close() {
		this.release.countDown();
		this.probes.close();
	}

	@Test
	void hungCheckIsDownWithinBudgetAndNotStartedTwice() {
		AtomicInteger started = new AtomicInteger();
		BudgetedHealthIndicator hung = new BudgetedHealthIndicator("hung", (builder) -> {
			started.incrementAndGet();
			this.release.await();
			builder.up();
		}, this.probes);
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			Health health = hung.health();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("error").toString()).contains("time budget");
			assertThat(took).isLessThan(Duration.ofMillis(2000));
		}
		assertThat(started).hasValue(1);
		assertThat(this.probes.runningCount()).isEqualTo(1);
	}

	@Test
	void checksRunInParallelSoOneRequestCostsOneBudget() {
		// Each check is UP only if all three are running at the same time: run one after
		// another, the first would wait for the others until its budget ran out.
		CountDownLatch allRunning = new CountDownLatch(3);
		BudgetedHealthIndicator[] indicators = new BudgetedHealthIndicator[3];
		for (int i = 0; i < indicators.length; i++) {
			indicators[i] = new BudgetedHealthIndicator("slow" + i, (builder) -> {
				allRunning.countDown();
				if (allRunning.await(5, TimeUnit.SECONDS)) {
					builder.up();
				}
				else {
					builder.down();
				}
			}, this.probes);
		}
		for (BudgetedHealthIndicator indicator : indicators) {
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		}
	}

	@Test
	void eachRequestGetsFreshResults() {
		AtomicInteger runs = new AtomicInteger();
		BudgetedHealthIndicator indicator = new BudgetedHealthIndicator("counting", (builder) -> {
			runs.incrementAndGet();
			builder.up();
		}, this.probes);
		indicator.health();
		indicator.health();
		assertThat(runs).hasValue(2);
	}

	@Test
	void failingCheckIsDown() {
		BudgetedHealthIndicator failing = new BudgetedHealthIndicator("failing", (builder) -> {
			throw new IllegalStateException("boom");
		}, this.probes);
		assertThat(failing.health().getStatus()).isEqualTo(Status.DOWN);
	}

}
