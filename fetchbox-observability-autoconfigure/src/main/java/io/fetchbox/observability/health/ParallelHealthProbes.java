package io.fetchbox.observability.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Runs the registered probes in parallel, each bounded by the time budget.
 * <p>
 * Actuator asks its health indicators one after the other. So that a readiness request
 * costs at most one budget, not one per dependency, the first indicator asked starts a
 * <em>round</em> of every probe at once, and the others take their result from it. A
 * round serves each probe's result once (the next request for it starts a new round) and
 * only shortly after it started, so results are never older than one request. A probe
 * still running from an earlier round (a hung dependency) is not started again: the new
 * round waits on the same execution, and reports DOWN when its budget runs out.
 *
 * @since 0.1.0
 */
public class ParallelHealthProbes implements AutoCloseable {

	private static final AtomicInteger threads = new AtomicInteger();

	private final Duration budget;

	private final Map<String, HealthProbe> probes = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<Health>> running = new ConcurrentHashMap<>();

	private final ExecutorService executor;

	private Round round = new Round(0, Map.of());

	/**
	 * Create the runner.
	 * @param budget time budget of each probe
	 */
	public ParallelHealthProbes(Duration budget) {
		Assert.isTrue(budget != null && !budget.isNegative() && !budget.isZero(), "'budget' must be positive");
		this.budget = budget;
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "fetchbox-health-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Register a probe.
	 * @param name the contributor name ({@code iggy}, {@code storage}, ...)
	 * @param probe the probe
	 */
	public void register(String name, HealthProbe probe) {
		this.probes.put(name, probe);
	}

	/**
	 * The time budget.
	 * @return the budget of each probe
	 */
	public Duration budget() {
		return this.budget;
	}

	/**
	 * Health of one probe, from the current round or a new one; returns within the
	 * budget.
	 * @param name the probe's name
	 * @return its health
	 */
	public Health health(String name) {
		Round current = roundFor(name);
		CompletableFuture<Health> result = current.results().get(name);
		if (result == null) {
			return Health.unknown().withDetail("error", "no probe named '" + name + "'").build();
		}
		long remaining = current.startNanos() + this.budget.toNanos() - System.nanoTime();
		try {
			return result.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return Health.down()
				.withDetail("error", "no answer within the time budget of " + this.budget.toMillis() + "ms")
				.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
		catch (ExecutionException ex) {
			return Health.down(ex.getCause()).build();
		}
	}

	private synchronized Round roundFor(String name) {
		long now = System.nanoTime();
		Round current = this.round;
		// Within one budget every probe of the round has answered or timed out, so a
		// request's later indicators find their results; twice the budget leaves room
		// for a slow request thread without serving results from an earlier request.
		boolean fresh = now - current.startNanos() < 2 * this.budget.toNanos();
		if (fresh && current.unserved().remove(name)) {
			return current;
		}
		Map<String, CompletableFuture<Health>> results = new LinkedHashMap<>();
		this.probes.forEach((probeName, probe) -> results.put(probeName, start(probeName, probe)));
		Round next = new Round(now, results);
		next.unserved().remove(name);
		this.round = next;
		return next;
	}

	private CompletableFuture<Health> start(String name, HealthProbe probe) {
		CompletableFuture<Health> previous = this.running.get(name);
		if (previous != null && !previous.isDone()) {
			return previous;
		}
		CompletableFuture<Health> execution = CompletableFuture.supplyAsync(() -> run(probe), this.executor);
		this.running.put(name, execution);
		return execution;
	}

	private static Health run(HealthProbe probe) {
		Health.Builder builder = Health.unknown();
		try {
			probe.probe(builder);
		}
		catch (Exception ex) {
			builder.down(ex);
		}
		return builder.build();
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	private record Round(long startNanos, Map<String, CompletableFuture<Health>> results, Set<String> unserved) {

		Round(long startNanos, Map<String, CompletableFuture<Health>> results) {
			this(startNanos, results, ConcurrentHashMap.newKeySet());
			this.unserved.addAll(results.keySet());
		}

	}

	// Visible for tests: how many probe executions are unfinished.
	int runningCount() {
		Map<String, CompletableFuture<Health>> snapshot = new HashMap<>(this.running);
		return (int) snapshot.values().stream().filter((future) -> !future.isDone()).count();
	}

}
