package io.fetchbox.observability.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import net.logstash.logback.appender.LogstashTcpSocketAppender;
import net.logstash.logback.appender.listener.TcpAppenderListener;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.MDC;

import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.JobLogSettings;
import io.fetchbox.observability.joblog.iggy.IggyJobLogTransport;
import io.fetchbox.observability.joblog.logback.JobLogAppender;

/**
 * Application-thread cost of {@code log.info} with job MDC for three appenders, each with
 * its defaults except where noted:
 * <ul>
 * <li>{@code iggy}: this project's job log appender, shipping to an in-process testkit
 * broker;</li>
 * <li>{@code logstash-tcp}: logstash-logback-encoder's {@code LogstashTcpSocketAppender}
 * with a {@code LogstashEncoder}, writing to a local TCP sink that discards;</li>
 * <li>{@code async-file}: Logback's {@code AsyncAppender} ({@code neverBlock=true}, like
 * the other two, which drop rather than block) over a {@code FileAppender}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AppenderCostBenchmark {

	@Param({ "iggy", "logstash-tcp", "async-file" })
	public String appender;

	private LoggerContext context;

	private Logger logger;

	private BenchmarkIggy iggy;

	private JobLogPipeline pipeline;

	private ServerSocket sink;

	private Path file;

	/** Events the logstash appender could not queue (its ring buffer was full). */
	private LongAdder logstashDropped;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.context = new LoggerContext();
		this.context.setMDCAdapter(MDC.getMDCAdapter());
		this.context.start();
		Appender<ILoggingEvent> target = switch (this.appender) {
			case "iggy" -> iggyAppender();
			case "logstash-tcp" -> logstashAppender();
			case "async-file" -> asyncFileAppender();
			default -> throw new IllegalArgumentException(this.appender);
		};
		this.logger = this.context.getLogger("com.example.Worker");
		this.logger.setAdditive(false);
		this.logger.setLevel(ch.qos.logback.classic.Level.INFO);
		this.logger.addAppender(target);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		if (this.pipeline != null) {
			System.out.println("iggy appender: sent=" + this.pipeline.sent() + " state=" + this.pipeline.state());
		}
		if (this.logstashDropped != null) {
			System.out.println("logstash-tcp appender: dropped=" + this.logstashDropped.sum());
		}
		this.context.stop();
		if (this.pipeline != null) {
			this.pipeline.close();
		}
		if (this.iggy != null) {
			this.iggy.close();
		}
		if (this.sink != null) {
			this.sink.close();
		}
		if (this.file != null) {
			Files.deleteIfExists(this.file);
		}
	}

	@State(Scope.Thread)
	public static class JobContext {

		@Setup(Level.Trial)
		public void setUp() {
			MDC.put("job_id", "job-" + Thread.currentThread().getId());
			MDC.put("resource_id", "res-1");
			MDC.put("job_type", "crawl");
			MDC.put("tenant", "acme");
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			MDC.clear();
		}

		/** Calls in the current iteration. */
		long calls;

		private ThreadCpu cpu;

		@Setup(Level.Iteration)
		public void startIteration() {
			this.calls = 0;
			if (this.cpu == null) {
				this.cpu = new ThreadCpu();
			}
			this.cpu.restart();
		}

		/**
		 * CPU time per call of the benchmark thread itself (unlike the wall-clock score,
		 * it excludes time other threads took from it on a shared core), of the threads
		 * shipping the logs and of the receiving end.
		 */
		@TearDown(Level.Iteration)
		public void endIteration() {
			System.out.println(this.cpu.perCall(this.calls));
		}

	}

	/**
	 * CPU work between two log calls at the fast pace (about 4.5 us here, i.e. ~200,000
	 * calls/s from one job): the logstash appender just keeps up, while the Iggy
	 * appender, with one batch in flight per job and its broker on the same two cores,
	 * falls behind and drops some records.
	 */
	static final long PACE_TOKENS = 2_000;

	/**
	 * CPU work between two log calls at the slow pace (about 45 us, ~20,000 calls/s from
	 * one job): below every appender's delivery rate, so each one ships everything, as in
	 * a service that is not flooding its logs.
	 */
	static final long SLOW_PACE_TOKENS = 20_000;

	/**
	 * The fast pace's work, done before each invocation and left out of its measured time
	 * (JMH times each invocation on its own when a state has an invocation-level setup).
	 */
	@State(Scope.Thread)
	public static class Pace {

		@Setup(Level.Invocation)
		public void work() {
			Blackhole.consumeCPU(PACE_TOKENS);
		}

	}

	/** The slow pace's work, left out of the measured time like {@link Pace}'s. */
	@State(Scope.Thread)
	public static class SlowPace {

		@Setup(Level.Invocation)
		public void work() {
			Blackhole.consumeCPU(SLOW_PACE_TOKENS);
		}

	}

	/**
	 * Back-to-back calls: every appender saturates and shows its cost when full (all
	 * three drop rather than block).
	 */
	@Benchmark
	public void logInfo(JobContext job) {
		job.calls++;
		this.logger.info("downloaded {} bytes from {}", 123456, "https://example.com/a.bin");
	}

	/**
	 * The log call alone, timed on its own, at the fast pace: the application-thread cost
	 * is {@code logInfoPaced - pacedBaseline} (the baseline is the timer's own overhead).
	 */
	@Benchmark
	public void logInfoPaced(JobContext job, Pace pace) {
		job.calls++;
		this.logger.info("downloaded {} bytes from {}", 123456, "https://example.com/a.bin");
	}

	/** Nothing, timed like {@link #logInfoPaced}: the per-invocation timer overhead. */
	@Benchmark
	public void pacedBaseline(JobContext job, Pace pace) {
		job.calls++;
	}

	/**
	 * The log call alone, timed on its own, at the slow pace: the application-thread cost
	 * is {@code logInfoSlowPaced - slowPacedBaseline}.
	 */
	@Benchmark
	public void logInfoSlowPaced(JobContext job, SlowPace pace) {
		job.calls++;
		this.logger.info("downloaded {} bytes from {}", 123456, "https://example.com/a.bin");
	}

	/** Nothing, timed like {@link #logInfoSlowPaced}. */
	@Benchmark
	public void slowPacedBaseline(JobContext job, SlowPace pace) {
		job.calls++;
	}

	/**
	 * The work and the log call timed together, at the fast pace: {@code
	 * logInfoAfterWork - workBaseline} adds to the call's own cost the time the
	 * appender's background threads (sender, broker, sink) take from the application
	 * thread while they share two cores with it.
	 */
	@Benchmark
	public void logInfoAfterWork(JobContext job) {
		job.calls++;
		Blackhole.consumeCPU(PACE_TOKENS);
		this.logger.info("downloaded {} bytes from {}", 123456, "https://example.com/a.bin");
	}

	/** The work of {@link #logInfoAfterWork} alone. */
	@Benchmark
	public void workBaseline(JobContext job) {
		job.calls++;
		Blackhole.consumeCPU(PACE_TOKENS);
	}

	private Appender<ILoggingEvent> iggyAppender() {
		this.iggy = new BenchmarkIggy();
		this.pipeline = new JobLogPipeline(JobLogSettings.DEFAULT);
		this.pipeline.attach(new IggyJobLogTransport(this.iggy.client, "fetchbox", "jobs.logs"));
		JobLogAppender appender = new JobLogAppender();
		appender.setContext(this.context);
		appender.setPipeline(this.pipeline);
		appender.start();
		return appender;
	}

	private Appender<ILoggingEvent> logstashAppender() throws IOException {
		this.sink = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.sink.isClosed()) {
				try {
					Socket socket = this.sink.accept();
					Thread reader = new Thread(() -> discard(socket), "tcp-sink-reader");
					reader.setDaemon(true);
					reader.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "tcp-sink");
		acceptor.setDaemon(true);
		acceptor.start();
		LogstashEncoder encoder = new LogstashEncoder();
		encoder.setContext(this.context);
		encoder.start();
		LogstashTcpSocketAppender appender = new LogstashTcpSocketAppender();
		appender.setContext(this.context);
		appender.addDestination("127.0.0.1:" + this.sink.getLocalPort());
		appender.setEncoder(encoder);
		this.logstashDropped = new LongAdder();
		appender.addListener(new TcpAppenderListener<>() {
			@Override
			public void eventAppendFailed(Appender<ILoggingEvent> appender, ILoggingEvent event, Throwable reason) {
				AppenderCostBenchmark.this.logstashDropped.increment();
			}
		});
		appender.start();
		return appender;
	}

	private Appender<ILoggingEvent> asyncFileAppender() throws IOException {
		this.file = Files.createTempFile("bench-async", ".log");
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%d %-5level [%thread] %logger{36} %X - %msg%n");
		encoder.start();
		FileAppender<ILoggingEvent> file = new FileAppender<>();
		file.setContext(this.context);
		file.setFile(this.file.toString());
		file.setEncoder(encoder);
		file.start();
		AsyncAppender async = new AsyncAppender();
		async.setContext(this.context);
		async.setNeverBlock(true);
		async.addAppender(file);
		async.start();
		return async;
	}

	private static void discard(Socket socket) {
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = socket.getInputStream()) {
			while (in.read(buffer) >= 0) {
				// discard
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

}
