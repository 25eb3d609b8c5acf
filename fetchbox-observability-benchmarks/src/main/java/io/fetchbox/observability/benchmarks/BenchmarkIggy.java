package io.fetchbox.observability.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fetchbox.observability.iggy.IggyBackoff;
import io.fetchbox.observability.iggy.IggyClientSettings;
import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.testkit.IggyTestkit;

/**
 * An in-process testkit broker and a connected supervised client, shared by the
 * benchmarks.
 */
final class BenchmarkIggy implements AutoCloseable {

	/**
	 * Messages the in-process broker keeps per partition. Small on purpose: a real broker
	 * runs in another process, and millions of retained messages in this JVM's old
	 * generation made its garbage collector the noisiest part of every measurement.
	 */
	static final int BROKER_RETENTION = 10_000;

	final IggyTestkit server;

	final SupervisedIggyClient client;

	BenchmarkIggy() {
		this.server = IggyTestkit.builder().port(0).maxMessagesPerPartition(BROKER_RETENTION).start();
		IggyClientSettings settings = IggyClientSettings.builder()
			.address(this.server.address())
			.backoff(new IggyBackoff(Duration.ofMillis(50), Duration.ofSeconds(1), 2.0, 0.1))
			.build();
		this.client = new SupervisedIggyClient("bench", settings, IggyTopology.DEFAULT, List.of()).start();
		try {
			this.client.whenUp().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Testkit not reachable", ex);
		}
	}

	@Override
	public void close() {
		this.client.close();
		this.server.close();
	}

}
