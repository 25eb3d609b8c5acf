package io.fetchbox.observability.health;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.iggy.identifier.StreamId;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

import io.fetchbox.observability.iggy.IggyConnectionState;
import io.fetchbox.observability.iggy.SupervisedIggyClient;

/**
 * Iggy check: reads the supervised client's state (connected and authenticated) and asks,
 * over the client's existing connection, whether the stream exists. Never opens a
 * connection of its own; the call is bounded by the client's request timeout and the
 * probe's time budget.
 *
 * @since 0.1.0
 */
public class IggyHealthProbe implements HealthProbe {

	private final SupervisedIggyClient client;

	private final String stream;

	/**
	 * Create the probe.
	 * @param client the supervised client
	 * @param stream the stream that must exist
	 */
	public IggyHealthProbe(SupervisedIggyClient client, String stream) {
		Assert.notNull(client, "'client' must not be null");
		Assert.hasText(stream, "'stream' must not be empty");
		this.client = client;
		this.stream = stream;
	}

	@Override
	public void probe(Health.Builder builder) throws Exception {
		IggyConnectionState state = this.client.state();
		builder.withDetail("address", this.client.settings().address())
			.withDetail("stream", this.stream)
			.withDetail("connection", state.status().name())
			.withDetail("since", state.since().toString());
		if (!state.isUp()) {
			builder.down();
			if (state.lastError() != null) {
				builder.withDetail("error", state.lastError());
			}
			return;
		}
		Optional<?> stream = this.client
			.call("health getStream", (sdk) -> sdk.streams().getStream(StreamId.of(this.stream)))
			.get(this.client.settings().requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
		if (stream.isEmpty()) {
			builder.down().withDetail("error", "stream '" + this.stream + "' does not exist");
			return;
		}
		builder.up();
	}

}
