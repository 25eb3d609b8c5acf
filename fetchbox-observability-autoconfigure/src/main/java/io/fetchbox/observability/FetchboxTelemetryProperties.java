package io.fetchbox.observability;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the FetchBox observability starter shared by its concerns:
 * service identity, stdout logging, request ids and OTLP trace export. Other concerns
 * (Iggy, job logs, health, operator tools) bind their own classes under the same
 * {@code fetchbox.telemetry} prefix.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(FetchboxTelemetryProperties.PREFIX)
public class FetchboxTelemetryProperties {

	/**
	 * Prefix of every FetchBox observability property.
	 */
	public static final String PREFIX = "fetchbox.telemetry";

	/**
	 * Service name written as the 'service' log field, metric tag and OpenTelemetry
	 * 'service.name'. Defaults to 'spring.application.name'.
	 */
	private @Nullable String serviceName;

	/**
	 * Deployment environment written as the 'environment' log field (for example 'prod').
	 */
	private @Nullable String environment;

	/**
	 * Service version written as the 'version' log field. Defaults to the build version
	 * from 'META-INF/build-info.properties', else the application jar's
	 * 'Implementation-Version'.
	 */
	private @Nullable String version;

	/**
	 * Address ('host:port') of a separate HTTP port for Actuator endpoints. Empty serves
	 * them on the main port.
	 */
	private String metricsAddr = "";

	private final Logging logging = new Logging();

	private final RequestId requestId = new RequestId();

	private final Otlp otlp = new Otlp();

	private final ContextPropagation contextPropagation = new ContextPropagation();

	private final ProblemDetails problemDetails = new ProblemDetails();

	public @Nullable String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(@Nullable String serviceName) {
		if (serviceName != null && !serviceName.isEmpty() && serviceName.isBlank()) {
			throw new IllegalArgumentException("'fetchbox.telemetry.service-name' must not be blank");
		}
		this.serviceName = serviceName;
	}

	public @Nullable String getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(@Nullable String environment) {
		this.environment = environment;
	}

	public @Nullable String getVersion() {
		return this.version;
	}

	public void setVersion(@Nullable String version) {
		this.version = version;
	}

	public String getMetricsAddr() {
		return this.metricsAddr;
	}

	public void setMetricsAddr(@Nullable String metricsAddr) {
		String value = (metricsAddr != null) ? metricsAddr.trim() : "";
		if (!value.isEmpty()) {
			HostAndPort.parse(value, "fetchbox.telemetry.metrics-addr");
		}
		this.metricsAddr = value;
	}

	public Logging getLogging() {
		return this.logging;
	}

	public RequestId getRequestId() {
		return this.requestId;
	}

	public Otlp getOtlp() {
		return this.otlp;
	}

	public ContextPropagation getContextPropagation() {
		return this.contextPropagation;
	}

	public ProblemDetails getProblemDetails() {
		return this.problemDetails;
	}

	/**
	 * Context propagation properties ({@code fetchbox.telemetry.context-propagation.*}).
	 */
	public static class ContextPropagation {

		/**
		 * Whether trace and correlation context (MDC) follow tasks into Spring's task
		 * executors and '@Async' methods.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Problem response properties ({@code fetchbox.telemetry.problem-details.*}).
	 */
	public static class ProblemDetails {

		/**
		 * Whether Spring MVC error responses are 'application/problem+json' with
		 * 'request_id' and 'trace_id' members.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Stdout logging properties ({@code fetchbox.telemetry.logging.*}).
	 */
	public static class Logging {

		/**
		 * Console log format: 'json' (one JSON object per line) or 'text' (Spring Boot's
		 * console pattern, for local development).
		 */
		private LogFormat format = LogFormat.JSON;

		/**
		 * Maximum size of a log message in UTF-8 bytes; longer messages are cut and end
		 * with a truncation marker.
		 */
		private DataSize maxMessageSize = DataSize.ofKilobytes(16);

		private final AccessLog accessLog = new AccessLog();

		public LogFormat getFormat() {
			return this.format;
		}

		public void setFormat(LogFormat format) {
			this.format = format;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			if (maxMessageSize.toBytes() < 64 || maxMessageSize.toBytes() > Integer.MAX_VALUE / 4) {
				throw new IllegalArgumentException(
						"'fetchbox.telemetry.logging.max-message-size' must be between 64B and 512MB");
			}
			this.maxMessageSize = maxMessageSize;
		}

		public AccessLog getAccessLog() {
			return this.accessLog;
		}

	}

	/**
	 * Console log formats.
	 */
	public enum LogFormat {

		/**
		 * One JSON object per line (logstash-logback-encoder).
		 */
		JSON,

		/**
		 * Spring Boot's plain-text console pattern.
		 */
		TEXT

	}

	/**
	 * Access log properties ({@code fetchbox.telemetry.logging.access-log.*}).
	 */
	public static class AccessLog {

		/**
		 * Whether to log one "request completed" line per HTTP request.
		 */
		private boolean enabled = true;

		/**
		 * Comma-separated list of request path patterns that get no access log line. Set
		 * it empty to log health and metrics requests too.
		 */
		private List<String> excludePaths = new ArrayList<>(List.of("/actuator/health/**", "/actuator/prometheus",
				"/actuator/metrics/**", "/health/**", "/livez", "/readyz"));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getExcludePaths() {
			return this.excludePaths;
		}

		public void setExcludePaths(List<String> excludePaths) {
			for (String path : excludePaths) {
				if (!path.startsWith("/")) {
					throw new IllegalArgumentException(
							"'fetchbox.telemetry.logging.access-log.exclude-paths' entries must start with '/'");
				}
			}
			this.excludePaths = new ArrayList<>(excludePaths);
		}

	}

	/**
	 * Request id properties ({@code fetchbox.telemetry.request-id.*}).
	 */
	public static class RequestId {

		/**
		 * HTTP header carrying the request id, read from requests and written on
		 * responses.
		 */
		private String header = "X-Request-ID";

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			if (!header.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
				throw new IllegalArgumentException(
						"'fetchbox.telemetry.request-id.header' must be a valid header name");
			}
			this.header = header;
		}

	}

	/**
	 * OTLP trace export properties ({@code fetchbox.telemetry.otlp.*}), mapped onto
	 * Spring Boot's {@code management.opentelemetry.tracing.export.otlp.*} and
	 * {@code management.tracing.sampling.probability}.
	 */
	public static class Otlp {

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
		private String protocol = "http/protobuf";

		/**
		 * Headers sent with every export request (for example an authorization header).
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Probability in the range from 0.0 to 1.0 that a new trace is sampled
		 * (exported).
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

		public String getProtocol() {
			return this.protocol;
		}

		public void setProtocol(String protocol) {
			String value = protocol.trim().toLowerCase(Locale.ROOT);
			if (!value.equals("http/protobuf") && !value.equals("grpc")) {
				throw new IllegalArgumentException(
						"'fetchbox.telemetry.otlp.protocol' must be 'http/protobuf' or 'grpc'");
			}
			this.protocol = value;
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

	}

}
