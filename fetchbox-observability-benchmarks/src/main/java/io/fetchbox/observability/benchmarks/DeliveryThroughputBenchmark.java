package io.fetchbox.observability.benchmarks;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.MessageHeader;
import org.apache.iggy.message.MessageId;
import org.apache.iggy.message.Partitioning;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.MDC;

import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.joblog.DropReason;
import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.JobLogSettings;
import io.fetchbox.observability.joblog.iggy.IggyJobLogTransport;
import io.fetchbox.observability.joblog.logback.JobLogAppender;

/**
 * Sustained records per second delivered (acknowledged by the broker) into the testkit,
 * through Logback and the job log appender, with 16 jobs. The anchor is the raw SDK
 * sending the same number of pre-built messages in 512-message batches, 4 in flight, in
 * the same process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeliveryThroughputBenchmark {

	static final int RECORDS = 50_000;

	private static final int JOBS = 16;

	private BenchmarkIggy iggy;

	private LoggerContext context;

	private Logger logger;

	private JobLogPipeline pipeline;

	private List<Message> rawBatch;

	@Setup(Level.Trial)
	public void setUp() {
		this.iggy = new BenchmarkIggy();
		this.context = new LoggerContext();
		this.context.setMDCAdapter(MDC.getMDCAdapter());
		this.context.start();
		this.pipeline = new JobLogPipeline(JobLogSettings.DEFAULT);
		this.pipeline.attach(new IggyJobLogTransport(this.iggy.client, "fetchbox", "jobs.logs"));
		JobLogAppender appender = new JobLogAppender();
		appender.setContext(this.context);
		appender.setPipeline(this.pipeline);
		appender.start();
		this.logger = this.context.getLogger("com.example.Worker");
		this.logger.setAdditive(false);
		this.logger.addAppender(appender);
		byte[] payload = new byte[120];
		this.rawBatch = new ArrayList<>();
		for (int i = 0; i < 512; i++) {
			MessageHeader header = new MessageHeader(BigInteger.ZERO, MessageId.serverGenerated(), BigInteger.ZERO,
					BigInteger.ZERO, BigInteger.ZERO, 0L, (long) payload.length, BigInteger.ZERO);
			this.rawBatch.add(new Message(header, payload, Map.of()));
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		System.out.println("delivered=" + this.pipeline.sent() + " dropped(queue_full)="
				+ this.pipeline.dropped(DropReason.QUEUE_FULL));
		this.context.stop();
		this.pipeline.close();
		this.iggy.close();
	}

	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public long appender() {
		long target = this.pipeline.sent() + RECORDS;
		String jobId = null;
		for (int i = 0; i < RECORDS; i++) {
			if ((i & 1023) == 0) {
				if (jobId != null) {
					// A task scope ends: the job's last records go at once (what
					// JobLogFlushingListener does), not after the flush interval.
					this.pipeline.flush(jobId);
				}
				jobId = "job-" + ((i >> 10) % JOBS);
				MDC.put("job_id", jobId);
				// Stay below the buffer bound: this measures delivery, not dropping.
				while (this.pipeline.queuedRecords() > 8_000) {
					LockSupport.parkNanos(20_000);
				}
			}
			this.logger.info("downloaded {} bytes", i);
		}
		this.pipeline.flush(jobId);
		while (this.pipeline.sent() < target) {
			LockSupport.parkNanos(20_000);
		}
		return this.pipeline.sent();
	}

	@Benchmark
	@OperationsPerInvocation(RECORDS)
	public void rawSdkAnchor() {
		int batches = RECORDS / this.rawBatch.size() + 1;
		List<CompletableFuture<Void>> inFlight = new ArrayList<>();
		for (int i = 0; i < batches; i++) {
			String key = "job-" + (i % JOBS);
			inFlight.add(this.iggy.client.call("send",
					(sdk) -> sdk.messages()
						.sendMessages(IggyTopology.DEFAULT.streamId(), IggyTopology.DEFAULT.logs().topicId(),
								Partitioning.messagesKey(key), this.rawBatch)));
			if (inFlight.size() == 4) {
				inFlight.remove(0).join();
			}
		}
		inFlight.forEach(CompletableFuture::join);
	}

}
