package io.fetchbox.observability.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fetchbox.observability.iggy.IggyConnectionState;
import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;

/**
 * The Iggy connection: address, status, since when, last error (no credentials) and the
 * topology.
 *
 * @since 0.1.0
 */
public class IggyConnectionSection implements FetchboxEndpointSection {

	private final SupervisedIggyClient client;

	public IggyConnectionSection(SupervisedIggyClient client) {
		this.client = client;
	}

	@Override
	public String name() {
		return "iggy";
	}

	@Override
	public Object snapshot() {
		IggyConnectionState state = this.client.state();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("address", this.client.settings().address());
		result.put("status", state.status().name());
		result.put("since", state.since().toString());
		if (state.lastError() != null) {
			result.put("lastError", state.lastError());
		}
		IggyTopology topology = this.client.topology();
		if (topology != null) {
			Map<String, Object> topics = new LinkedHashMap<>();
			topology.topics().forEach((topic) -> topics.put(topic.name(), Map.of("partitions", topic.partitions())));
			result.put("stream", topology.stream());
			result.put("topics", topics);
		}
		return result;
	}

}
