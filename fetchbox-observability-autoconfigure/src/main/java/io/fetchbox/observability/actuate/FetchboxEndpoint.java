package io.fetchbox.observability.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code fetchbox} actuator endpoint: one read operation returning every
 * {@link FetchboxEndpointSection} (settings, emitter, iggy, ...). Secrets are redacted by
 * the sections themselves.
 *
 * @since 0.1.0
 */
@Endpoint(id = "fetchbox")
public class FetchboxEndpoint {

	private final List<FetchboxEndpointSection> sections;

	public FetchboxEndpoint(List<FetchboxEndpointSection> sections) {
		this.sections = List.copyOf(sections);
	}

	@ReadOperation
	public Map<String, Object> fetchbox() {
		Map<String, Object> result = new LinkedHashMap<>();
		for (FetchboxEndpointSection section : this.sections) {
			result.put(section.name(), section.snapshot());
		}
		return result;
	}

}
