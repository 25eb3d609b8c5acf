package io.fetchbox.observability.autoconfigure.tracing;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OTLP trace export properties ({@code fetchbox.telemetry.otlp.*}), mapped onto Spring
 * Boot's {@code management.opentelemetry.tracing.export.otlp.*} and
 * {@code management.tracing.sampling.probability}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(OtlpProperties.PREFIX)
public class OtlpProperties {

	/** Prefix of these properties. */
	public static final String PREFIX = "fetchbox.telemetry.otlp";

	/**
	 * Whether to export spans over OTLP. When off, no export connection is made.
	 */
	private boolean enabled;

	/**
	 * URL of the OTLP collector's trace endpoint.
	 */
	private String endpoint = "http://localhost:4318/v1/traces";

	/**
	 * OTLP protocol: 'http/protobuf' or 'grpc'.
	 */
	private OtlpProtocol protocol = OtlpProtocol.HTTP_PROTOBUF;

	/**
	 * Headers sent with every export request (for example an authorization header).
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Probability in the range from 0.0 to 1.0 that a new trace is sampled (exported).
	 */
	private double samplingProbability = 0.1;

	/**
	 * Timeout of one export request.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(String endpoint) {
		try {
			URI uri = new URI(endpoint.trim());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				throw new IllegalArgumentException("not an http(s) URL");
			}
		}
		catch (Exception ex) {
			throw new IllegalArgumentException(
					"'fetchbox.telemetry.otlp.endpoint' must be an http:// or https:// URL with a host");
		}
		this.endpoint = endpoint.trim();
	}

	public OtlpProtocol getProtocol() {
		return this.protocol;
	}

	public void setProtocol(OtlpProtocol protocol) {
		this.protocol = protocol;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = new LinkedHashMap<>(headers);
	}

	public double getSamplingProbability() {
		return this.samplingProbability;
	}

	public void setSamplingProbability(double samplingProbability) {
		if (!(samplingProbability >= 0.0 && samplingProbability <= 1.0)) {
			throw new IllegalArgumentException(
					"'fetchbox.telemetry.otlp.sampling-probability' must be between 0.0 and 1.0");
		}
		this.samplingProbability = samplingProbability;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("'fetchbox.telemetry.otlp.timeout' must be positive");
		}
		this.timeout = timeout;
	}

	/**
	 * OTLP transports. Bound leniently, so 'http/protobuf' selects
	 * {@link #HTTP_PROTOBUF}.
	 */
	public enum OtlpProtocol {

		/**
		 * OTLP over HTTP with protobuf payloads.
		 */
		HTTP_PROTOBUF("http/protobuf"),

		/**
		 * OTLP over gRPC.
		 */
		GRPC("grpc");

		private final String value;

		OtlpProtocol(String value) {
			this.value = value;
		}

		/**
		 * The property value as written in configuration.
		 * @return {@code http/protobuf} or {@code grpc}
		 */
		@Override
		public String toString() {
			return this.value;
		}

	}

}
