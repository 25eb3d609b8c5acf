package io.fetchbox.observability.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import static org.awaitility.Awaitility.await;

/**
 * A test OTLP/HTTP trace receiver (a collector stand-in) on an ephemeral loopback port:
 * decodes each {@code POST /v1/traces} body as an {@link ExportTraceServiceRequest} (gzip
 * or not) and keeps the spans with their resource attributes and the request headers.
 * Reusable by any test that needs to see exported spans:
 *
 * <pre>{@code
 * try (OtlpTraceReceiver receiver = OtlpTraceReceiver.start()) {
 *     // run the app with fetchbox.telemetry.otlp.enabled=true,
 *     // fetchbox.telemetry.otlp.endpoint=receiver.endpoint()
 *     ReceivedSpan span = receiver.awaitSpan((s) -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER);
 * }
 * }</pre>
 */
public final class OtlpTraceReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private final List<Map<String, String>> requestHeaders = new CopyOnWriteArrayList<>();

	private OtlpTraceReceiver(HttpServer server) {
		this.server = server;
	}

	/**
	 * Start a receiver on an ephemeral loopback port.
	 * @return the running receiver
	 */
	public static OtlpTraceReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			OtlpTraceReceiver receiver = new OtlpTraceReceiver(server);
			server.createContext("/v1/traces", receiver::handle);
			server.setExecutor(Executors.newSingleThreadExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "otlp-receiver");
				thread.setDaemon(true);
				return thread;
			}));
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the OTLP/HTTP traces endpoint URL.
	 * @return the URL, for example {@code http://127.0.0.1:41234/v1/traces}
	 */
	public String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/**
	 * Spans received so far.
	 * @return the spans
	 */
	public List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * Headers of each export request received so far (names in lower case).
	 * @return the headers per request
	 */
	public List<Map<String, String>> requestHeaders() {
		return List.copyOf(this.requestHeaders);
	}

	/**
	 * Wait up to 30 seconds for a span matching the predicate.
	 * @param predicate the condition
	 * @return the first matching span
	 */
	public ReceivedSpan awaitSpan(Predicate<ReceivedSpan> predicate) {
		ReceivedSpan[] found = new ReceivedSpan[1];
		await("exported span").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
			found[0] = this.spans.stream().filter(predicate).findFirst().orElse(null);
			return found[0] != null;
		});
		return found[0];
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
			this.requestHeaders.add(headers);
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(headers.get("content-encoding"))) {
				body = new GZIPInputStream(body);
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
			for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
				Map<String, String> resource = attributes(resourceSpans.getResource().getAttributesList());
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					for (Span span : scopeSpans.getSpansList()) {
						this.spans.add(new ReceivedSpan(resource, hex(span.getTraceId().toByteArray()),
								hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
								span.getName(), span.getKind(), attributes(span.getAttributesList())));
					}
				}
			}
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, response.length);
			exchange.getResponseBody().write(response);
		}
	}

	private static Map<String, String> attributes(List<KeyValue> keyValues) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (KeyValue keyValue : keyValues) {
			attributes.put(keyValue.getKey(), text(keyValue.getValue()));
		}
		return attributes;
	}

	private static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
			case INT_VALUE -> Long.toString(value.getIntValue());
			case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
			default -> value.toString();
		};
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One received span.
	 *
	 * @param resource resource attributes ({@code service.name}, ...)
	 * @param traceId 32 hex trace id
	 * @param spanId 16 hex span id
	 * @param parentSpanId 16 hex parent span id, empty for a root span
	 * @param name span name
	 * @param kind span kind
	 * @param attributes span attributes
	 */
	public record ReceivedSpan(Map<String, String> resource, String traceId, String spanId, String parentSpanId,
			String name, Span.SpanKind kind, Map<String, String> attributes) {

		/**
		 * Return the {@code service.name} resource attribute.
		 * @return the service name
		 */
		public String serviceName() {
			return this.resource.get("service.name");
		}

	}

}
