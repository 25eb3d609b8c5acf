package io.fetchbox.observability.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.fetchbox.observability.testapp.SharedObservedApp;

import static io.fetchbox.observability.testapp.SharedObservedApp.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request ids against a running service (PRODUCT.md section 5): well-formed ids are
 * reused, hostile ones replaced by a fresh UUID and never echoed or logged.
 */
class RequestIdTests {

	private static final Pattern RESPONSE_ID = Pattern.compile("(?i)\r\nX-Request-ID: ([^\r\n]*)\r\n");

	private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private final SharedObservedApp app = SharedObservedApp.get();

	@Test
	void missingIdGetsUuid() {
		String id = this.app.get("/hello/noid").headers().firstValue("X-Request-ID").orElseThrow();
		assertThat(id).matches(UUID);
		this.app.awaitLine("access line with generated id",
				field("message", "request completed").and(field("request_id", id)));
	}

	@Test
	void wellFormedIdIsReused() {
		assertThat(this.app.get("/hello/x", "X-Request-ID", "Abc-123_x.y:z").headers().firstValue("X-Request-ID"))
			.hasValue("Abc-123_x.y:z");
	}

	@Test
	void tenKilobyteIdIsReplaced() {
		assertHostileReplaced(("HOSTILE10K" + "a".repeat(10 * 1024)).getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void nonAsciiIdIsReplaced() {
		assertHostileReplaced("HOSTILEUTF8-réqüest-✓".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void idWithSpacesAndMarkupIsReplaced() {
		assertHostileReplaced("HOSTILEHTML <script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void idWithCrlfInjectionIsNeverEchoed() {
		// A CR LF ends the header: what follows must not become a response header.
		byte[] value = "HOSTILE CRLF\r\nSet-Cookie: evil=1".getBytes(StandardCharsets.US_ASCII);
		String response = this.app.raw(request(value));
		assertThat(response).doesNotContainIgnoringCase("Set-Cookie: evil").doesNotContain("HOSTILE CRLF");
		assertThat(this.app.stdout()).noneMatch((line) -> line.contains("HOSTILE CRLF"));
	}

	@Test
	void idWithBareCarriageReturnIsNeverEchoed() {
		byte[] value = "HOSTILEBARECR\rInjected: yes".getBytes(StandardCharsets.US_ASCII);
		String response = this.app.raw(request(value));
		// Tomcat rejects the request before any filter runs (RFC 9112).
		assertThat(response).startsWith("HTTP/1.1 400").doesNotContain("HOSTILEBARECR").doesNotContain("Injected");
		// Only Tomcat's own parse error mentions it, escaped ("0x0d") inside one valid
		// JSON line.
		assertThat(this.app.jsonLines()).filteredOn((line) -> line.toString().contains("HOSTILEBARECR"))
			.allSatisfy((line) -> assertThat(line.get("target").asString()).startsWith("org.apache.coyote"));
		assertThat(this.app.stdout()).noneMatch((line) -> line.contains("HOSTILEBARECR\r"));
	}

	private void assertHostileReplaced(byte[] value) {
		String marker = new String(value, 0, 9, StandardCharsets.US_ASCII);
		String response = this.app.raw(request(value));
		assertThat(response).startsWith("HTTP/1.1 200");
		Matcher id = RESPONSE_ID.matcher(response);
		assertThat(id.find()).as("response has X-Request-ID: %s", response).isTrue();
		assertThat(id.group(1)).matches(UUID);
		assertThat(response).doesNotContain(marker);
		this.app.awaitLine("access line with fresh id",
				field("message", "request completed").and(field("request_id", id.group(1))));
		assertThat(this.app.stdout()).noneMatch((line) -> line.contains(marker));
	}

	private static byte[] request(byte[] requestIdValue) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes("GET /hello/hostile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Request-ID: "
			.getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(requestIdValue);
		out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

}
