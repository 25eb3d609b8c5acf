package io.fetchbox.observability.metrics;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.fetchbox.observability.testapp.hello.HelloWorldApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code /metrics} of a hello-world service with the starter (real Tomcat, Iggy
 * not running): it carries none of the role families (worker, ledger, ingest, operator,
 * proxy) until the service uses one or a property forces it.
 */
class MetersByRoleTests {

	private static final Set<String> ROLE_PREFIXES = Set.of("fetchbox_worker_", "fetchbox_ledger_", "fetchbox_ingest_",
			"fetchbox_operator_", "fetchbox_proxy_");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void helloWorldExportsNoRoleFamilyUntilItUsesOne() throws Exception {
		ConfigurableApplicationContext context = start();
		assertThat(get(context, "/hello").body()).isEqualTo("hello");
		PrometheusScrape scrape = scrape(context);
		assertThat(scrape.names()).contains("fetchbox_api_requests_total", "service_ready")
			.noneMatch(MetersByRoleTests::roleSeries);
		assertThat(scrape.value("fetchbox_api_requests_total", "route", "/hello", "status", "200")).isEqualTo(1);

		// First recording: the ledger family appears whole, the others stay out.
		context.getBean(LedgerMetrics.class).jobCreated();
		scrape = scrape(context);
		assertThat(scrape.value("fetchbox_ledger_jobs_created_total")).isEqualTo(1);
		assertThat(scrape.value("fetchbox_ledger_idempotency_misses_total")).isZero();
		assertThat(scrape.names()).filteredOn(MetersByRoleTests::roleSeries)
			.allMatch((name) -> name.startsWith("fetchbox_ledger_"))
			.hasSize(MeterFamily.LEDGER.meters().size());
	}

	@Test
	void familiesForcedOnAreExportedFromStartupAndFamiliesForcedOffNever() throws Exception {
		ConfigurableApplicationContext context = start("--fetchbox.telemetry.metrics.families.worker=true",
				"--fetchbox.telemetry.metrics.families.ledger=false");
		context.getBean(LedgerMetrics.class).jobCreated();
		PrometheusScrape scrape = scrape(context);
		assertThat(scrape.value("fetchbox_worker_dlq_total")).isZero();
		assertThat(scrape.value("fetchbox_worker_tasks_inflight")).isZero();
		assertThat(scrape.samples("fetchbox_worker_tasks_total")).isNotEmpty()
			.allSatisfy((sample) -> assertThat(sample.value()).isZero());
		assertThat(scrape.names()).filteredOn(MetersByRoleTests::roleSeries)
			.allMatch((name) -> name.startsWith("fetchbox_worker_"));
		PromTool.Result check = PromTool.run(scrape.text(), "check", "metrics");
		assertThat(check.output().lines()).noneMatch((line) -> line.startsWith("fetchbox_"));
	}

	private static boolean roleSeries(String name) {
		return ROLE_PREFIXES.stream().anyMatch(name::startsWith);
	}

	private ConfigurableApplicationContext start(String... extra) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		List<String> args = new ArrayList<>(List.of(
				// S3Mock's jar (test class path) has an application.properties that turns
				// every actuator endpoint off: do not read any.
				"--spring.config.name=fetchbox-hello-world", "--server.port=0", "--spring.application.name=hello",
				"--fetchbox.telemetry.logging.format=text",
				"--fetchbox.telemetry.iggy.address=127.0.0.1:" + closedPort));
		args.addAll(List.of(extra));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HelloWorldApplication.class)
			.run(args.toArray(String[]::new));
		this.contexts.add(context);
		return context;
	}

	private PrometheusScrape scrape(ConfigurableApplicationContext context) throws Exception {
		HttpResponse<String> metrics = get(context, "/metrics");
		assertThat(metrics.statusCode()).isEqualTo(200);
		return PrometheusScrape.parse(metrics.body());
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
		return this.http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
