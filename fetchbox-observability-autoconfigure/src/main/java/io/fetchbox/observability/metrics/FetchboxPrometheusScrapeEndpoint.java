package io.fetchbox.observability.metrics;

import java.util.Properties;
import java.util.Set;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;

/**
 * Boot's Prometheus scrape endpoint, with the contract name of
 * {@code fetchbox_ledger_jobs_created_total} restored in the text formats (see
 * {@link ReservedSuffixRenamer}). Everything else is Boot's behaviour.
 *
 * @since 0.1.0
 */
@WebEndpoint(id = "prometheus")
public class FetchboxPrometheusScrapeEndpoint extends PrometheusScrapeEndpoint {

	/**
	 * Create the endpoint.
	 * @param prometheusRegistry the Prometheus registry
	 * @param exporterProperties Prometheus exporter properties
	 */
	public FetchboxPrometheusScrapeEndpoint(PrometheusRegistry prometheusRegistry,
			@Nullable Properties exporterProperties) {
		super(prometheusRegistry, exporterProperties);
	}

	@Override
	@ReadOperation(producesFrom = PrometheusOutputFormat.class)
	public WebEndpointResponse<byte[]> scrape(PrometheusOutputFormat format, @Nullable Set<String> includedNames) {
		WebEndpointResponse<byte[]> response = super.scrape(format, includedNames);
		if (format == PrometheusOutputFormat.CONTENT_TYPE_PROTOBUF || response.getBody() == null) {
			return response;
		}
		return new WebEndpointResponse<>(ReservedSuffixRenamer.rename(response.getBody()), format);
	}

}
