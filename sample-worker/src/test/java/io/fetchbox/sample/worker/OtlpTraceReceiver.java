package io.fetchbox.sample.worker;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A minimal OTLP/HTTP trace collector: decodes every {@code ExportTraceServiceRequest}
 * posted to {@code /v1/traces} into {@link ReceivedSpan}s.
 */
final class OtlpTraceReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	OtlpTraceReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v1/traces", this::handle);
		this.server.start();
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
				String service = attribute(resourceSpans.getResource().getAttributesList(), "service.name");
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					scopeSpans.getSpansList()
						.forEach((span) -> this.spans
							.add(new ReceivedSpan(service, span.getName(), hex(span.getTraceId().toByteArray()),
									hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
									attribute(span.getAttributesList(), "job_id"),
									attribute(span.getAttributesList(), "resource_id"))));
				}
			}
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, response.length);
			exchange.getResponseBody().write(response);
		}
	}

	private static String attribute(List<KeyValue> attributes, String key) {
		return attributes.stream()
			.filter((attribute) -> attribute.getKey().equals(key))
			.map((attribute) -> attribute.getValue().getStringValue())
			.findFirst()
			.orElse("");
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record ReceivedSpan(String service, String name, String traceId, String spanId, String parentSpanId, String jobId,
			String resourceId) {

	}

}
