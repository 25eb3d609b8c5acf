package io.fetchbox.observability.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.event.KeyValuePair;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import io.fetchbox.observability.logging.FetchboxJsonFormatter;

/**
 * Cost of turning one access line ({@code "request completed"} with the request's MDC and
 * four key-value pairs) into JSON bytes: the starter's console line
 * ({@link FetchboxJsonFormatter}) against logstash-logback-encoder's default
 * {@code LogstashEncoder}, the encoder of a hand-assembled JSON console.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonLineBenchmark {

	private FetchboxJsonFormatter fetchbox;

	private LogstashEncoder logstash;

	private LoggingEvent event;

	@Setup
	public void setUp() {
		LoggerContext context = new LoggerContext();
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("benchmark", Map.of("fetchbox.telemetry.service-name", "sample-api")));
		this.fetchbox = new FetchboxJsonFormatter(environment);
		this.logstash = new LogstashEncoder();
		this.logstash.setContext(context);
		this.logstash.start();
		Logger logger = context.getLogger("io.fetchbox.observability.web.access");
		this.event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "request completed", null, null);
		this.event.setThreadName("http-nio-8080-exec-7");
		this.event.setMDCPropertyMap(Map.of("request_id", "0b9e5f4c-3a44-4c8e-9d7e-55d0f3b8c9a1", "traceId",
				"4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7"));
		this.event.setKeyValuePairs(List.of(new KeyValuePair("method", "GET"), new KeyValuePair("route", "/hello"),
				new KeyValuePair("status", 200), new KeyValuePair("latency_ms", 0L)));
	}

	@Benchmark
	public byte[] fetchboxFormatter() {
		return this.fetchbox.formatAsBytes(this.event, null);
	}

	@Benchmark
	public byte[] logstashEncoder() {
		return this.logstash.encode(this.event);
	}

}
