package io.fetchbox.sample.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.operator.JobLogStreamController;
import io.fetchbox.observability.testkit.IggyTestkitExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fresh sample API as an operator meets it, started as {@code java -jar} would start it
 * (no test-context tweaks): what Actuator shows on the main port and on a separate
 * management port, and how it stops with a log stream open.
 */
class SampleApiOperatorDefaultsTests {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	@TempDir
	Path data;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void theMainPortExposesHealthAndPrometheusOnly() throws Exception {
		try (ConfigurableApplicationContext api = start()) {
			String main = url(api, "local.server.port");
			JsonNode links = this.json.readTree(get(main + "/actuator").body()).get("_links");
			List<String> exposed = new ArrayList<>(links.propertyNames());
			assertThat(exposed).containsExactlyInAnyOrder("self", "health", "health-path", "prometheus");
			assertThat(get(main + "/actuator/prometheus").statusCode()).isEqualTo(200);
			assertThat(get(main + "/actuator/fetchbox").statusCode()).isEqualTo(404);
			assertThat(get(main + "/actuator/info").statusCode()).isEqualTo(404);
			assertThat(get(main + "/actuator/env").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void theDebugEndpointIsOnTheManagementPortWhenMetricsAddrIsSet() throws Exception {
		try (ConfigurableApplicationContext api = start("--fetchbox.telemetry.metrics-addr=127.0.0.1:0")) {
			String main = url(api, "local.server.port");
			String management = url(api, "local.management.port");
			assertThat(get(main + "/actuator/fetchbox").statusCode()).isEqualTo(404);
			HttpResponse<String> debug = get(management + "/actuator/fetchbox");
			assertThat(debug.statusCode()).isEqualTo(200);
			assertThat(debug.body()).contains(iggy.address());
			assertThat(get(management + "/actuator/prometheus").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void stopsPromptlyWithAnAbandonedLogStream() throws Exception {
		ConfigurableApplicationContext api = start("--fetchbox.telemetry.operator.credentials[0].username=ops",
				"--fetchbox.telemetry.operator.credentials[0].password=ops-secret");
		int port = Integer.parseInt(api.getEnvironment().getProperty("local.server.port"));
		// The client connects and creates the topics in the background once the
		// application
		// has started; until then a stream would end at once with "not found".
		api.getBean(SupervisedIggyClient.class).whenUp().get(30, TimeUnit.SECONDS);
		try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
			// A client that opens a stream and then neither reads nor closes it.
			client.setSoTimeout(30_000);
			OutputStream out = client.getOutputStream();
			String credentials = Base64.getEncoder().encodeToString("ops:ops-secret".getBytes(StandardCharsets.UTF_8));
			out.write(("GET /operator/jobs/job-1/logs HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
					+ "Authorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = client.getInputStream();
			assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
			JobLogStreamController streams = api.getBean(JobLogStreamController.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams() == 1);

			long stopping = System.nanoTime();
			api.close();
			Duration stop = Duration.ofNanos(System.nanoTime() - stopping);
			System.out.println("Sample API stopped in " + stop.toMillis() + " ms with a log stream open");
			// Without ending the stream, shutdown waits out the whole graceful period
			// (30 s); the bound leaves a busy machine ample room.
			assertThat(stop).isLessThan(Duration.ofSeconds(15));
			// The server ended the stream.
			assertThat(in.readAllBytes()).isNotNull();
		}
		finally {
			api.close();
		}
	}

	private ConfigurableApplicationContext start(String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--fetchbox.telemetry.logging.format=text",
				"--fetchbox.telemetry.iggy.address=" + iggy.address(),
				"--spring.datasource.url=jdbc:h2:file:" + this.data.resolve("ledger").toAbsolutePath()));
		all.addAll(List.of(args));
		return new SpringApplicationBuilder(SampleApiApplication.class).run(all.toArray(String[]::new));
	}

	private static String url(ConfigurableApplicationContext context, String portProperty) {
		return "http://127.0.0.1:" + context.getEnvironment().getProperty(portProperty);
	}

	private HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
