package io.fetchbox.observability.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PolledMessages;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.topic.CompressionAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * File-backed mode and the standalone main.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IggyTestkitFileTests {

	@TempDir
	Path dir;

	@Test
	void dataSurvivesARestartWithTheSameDataDirectory() throws Exception {
		IggyTestkit first = IggyTestkit.builder().dataDir(this.dir).start();
		int port = first.port();
		AsyncIggyTcpClient client = AsyncIggyTcpClient.builder()
			.host("127.0.0.1")
			.port(port)
			.credentials("iggy", "iggy")
			.build();
		try {
			client.connect().get(10, TimeUnit.SECONDS);
			SdkSupport.login(client);
			client.streams().createStream("scratch").get(10, TimeUnit.SECONDS);
			client.streams().createStream("demo").get(10, TimeUnit.SECONDS);
			client.streams().deleteStream(StreamId.of("scratch")).get(10, TimeUnit.SECONDS);
			client.topics()
				.createTopic(StreamId.of("demo"), 2L, CompressionAlgorithm.None, BigInteger.ZERO, BigInteger.ZERO,
						Optional.empty(), "logs")
				.get(10, TimeUnit.SECONDS);
			client.consumerGroups()
				.createConsumerGroup(StreamId.of("demo"), TopicId.of("logs"), "workers")
				.get(10, TimeUnit.SECONDS);
			for (int i = 0; i < 3; i++) {
				client.messages()
					.sendMessages(StreamId.of("demo"), TopicId.of("logs"), Partitioning.partitionId(1L),
							List.of(Message.of("m" + i)))
					.get(10, TimeUnit.SECONDS);
			}
			client.messages()
				.pollMessages(StreamId.of("demo"), TopicId.of("logs"), Optional.of(1L), Consumer.of(9L),
						PollingStrategy.next(), 2L, true)
				.get(10, TimeUnit.SECONDS);
			first.close();

			IggyTestkit second = IggyTestkit.builder().port(port).dataDir(this.dir).start();
			try {
				assertThat(second.messages("demo", "logs")).extracting(StoredMessage::payloadAsString)
					.containsExactly("m0", "m1", "m2");
				// the same SDK client reconnects to the restarted process and logs in
				// again
				await().atMost(Duration.ofSeconds(30))
					.ignoreExceptions()
					.until(() -> client.system().getMe().get(5, TimeUnit.SECONDS) != null);
				assertThat(client.streams().getStream(StreamId.of("demo")).get(10, TimeUnit.SECONDS))
					.hasValueSatisfying((s) -> {
						assertThat(s.id()).isEqualTo(1L);
						assertThat(s.topics()).singleElement()
							.satisfies((t) -> assertThat(t.partitionsCount()).isEqualTo(2));
					});
				PolledMessages next = client.messages()
					.pollMessages(StreamId.of("demo"), TopicId.of("logs"), Optional.of(1L), Consumer.of(9L),
							PollingStrategy.next(), 10L, true)
					.get(10, TimeUnit.SECONDS);
				assertThat(next.messages()).extracting((m) -> new String(m.payload(), StandardCharsets.UTF_8))
					.containsExactly("m2");
				assertThat(client.consumerGroups()
					.getConsumerGroup(StreamId.of("demo"), TopicId.of("logs"), ConsumerId.of("workers"))
					.get(10, TimeUnit.SECONDS)).isPresent();
				client.messages()
					.sendMessages(StreamId.of("demo"), TopicId.of("logs"), Partitioning.partitionId(1L),
							List.of(Message.of("m3")))
					.get(10, TimeUnit.SECONDS);
				assertThat(second.messages("demo", "logs")).extracting(StoredMessage::offset)
					.containsExactly(0L, 1L, 2L, 3L);
				// the freed stream id 0 is reused after the restart too
				assertThat(client.streams().createStream("again").get(10, TimeUnit.SECONDS).id()).isZero();
				client.topics().deleteTopic(StreamId.of("demo"), TopicId.of("logs")).get(10, TimeUnit.SECONDS);
				assertThat(logFiles()).isEmpty();
			}
			finally {
				second.close();
			}
		}
		finally {
			client.close().orTimeout(10, TimeUnit.SECONDS).join();
		}
	}

	@Test
	void loadingAppliesRetentionAndCutsATornTail() throws Exception {
		try (IggyTestkit first = IggyTestkit.builder().dataDir(this.dir).start();
				AbstractIggyContractTests.RawConnection raw = new AbstractIggyContractTests.RawConnection(first.host(),
						first.port())) {
			assertThat(raw.request(IggyCommands.LOGIN_USER, loginPayload()).status()).isZero();
			assertThat(raw.request(IggyCommands.CREATE_STREAM, AbstractIggyContractTests.nameBytes("s")).status())
				.isZero();
			assertThat(raw.request(IggyCommands.CREATE_TOPIC, createTopicPayload("s", "t")).status()).isZero();
			for (int i = 0; i < 5; i++) {
				assertThat(raw.request(IggyCommands.SEND_MESSAGES, sendPayload("s", "t", "p" + i)).status()).isZero();
			}
		}
		Path log = logFiles().get(0);
		Files.write(log,
				new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
						26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49,
						50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64 },
				StandardOpenOption.APPEND);
		try (IggyTestkit second = IggyTestkit.builder().maxMessagesPerPartition(3).dataDir(this.dir).start()) {
			assertThat(second.messages("s", "t")).extracting(StoredMessage::payloadAsString)
				.containsExactly("p2", "p3", "p4");
			assertThat(second.messages("s", "t")).extracting(StoredMessage::offset).containsExactly(2L, 3L, 4L);
		}
		try (IggyTestkit third = IggyTestkit.builder().dataDir(this.dir).start()) {
			assertThat(third.messages("s", "t")).extracting(StoredMessage::offset).containsExactly(2L, 3L, 4L);
		}
	}

	@Test
	void standaloneProcessLogsStartupKeepsDataAndStopsOnSigterm() throws Exception {
		Path data = this.dir.resolve("data");
		Process process = startMain("--port", "0", "--data-dir", data.toString());
		BufferedReader output = output(process);
		int port = awaitPort(output);
		try (AbstractIggyContractTests.RawConnection raw = new AbstractIggyContractTests.RawConnection("127.0.0.1",
				port)) {
			assertThat(raw.request(IggyCommands.LOGIN_USER, loginPayload()).status()).isZero();
			assertThat(raw.request(IggyCommands.CREATE_STREAM, AbstractIggyContractTests.nameBytes("kept")).status())
				.isZero();
		}
		process.toHandle().destroy(); // SIGTERM, keeping our end of its stdout open
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(output.lines().toList()).contains("Iggy testkit stopped");

		Process again = startMain("--port", "0", "--data-dir", data.toString());
		try {
			int secondPort = awaitPort(output(again));
			try (AbstractIggyContractTests.RawConnection raw = new AbstractIggyContractTests.RawConnection("127.0.0.1",
					secondPort)) {
				assertThat(raw.request(IggyCommands.LOGIN_USER, loginPayload()).status()).isZero();
				byte[] stream = new byte[] { 2, 4, 'k', 'e', 'p', 't' };
				assertThat(raw.request(IggyCommands.GET_STREAM, stream).payload()).isNotEmpty();
			}
		}
		finally {
			again.destroy();
			again.waitFor(20, TimeUnit.SECONDS);
		}
	}

	@Test
	void mainRejectsBadOptions() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IggyTestkitMain.start(new String[] { "--nope", "1" }, System.out))
			.withMessageContaining("--nope");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IggyTestkitMain.start(new String[] { "--port", "x" }, System.out))
			.withMessageContaining("--port");
	}

	private Process startMain(String... args) throws IOException {
		// only the module's own classes: the standalone server needs nothing beyond the
		// JDK
		Path classes = Path.of(IggyTestkitMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new java.util.ArrayList<>(
				List.of(java, "-cp", classes.toString(), IggyTestkitMain.class.getName()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	private static BufferedReader output(Process process) {
		return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	private static int awaitPort(BufferedReader reader) throws IOException {
		String line = reader.readLine();
		assertThat(line).contains("listening on 127.0.0.1:").contains("not a production broker");
		Matcher matcher = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(line);
		assertThat(matcher.find()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private List<Path> logFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.dir.resolve("partitions"))) {
			return files.filter((f) -> f.toString().endsWith(".log")).toList();
		}
	}

	static byte[] loginPayload() {
		WireWriter out = new WireWriter();
		out.name("iggy").name("iggy").u32(0).u32(0);
		return out.toByteArray();
	}

	static byte[] createTopicPayload(String stream, String topic) {
		WireWriter out = new WireWriter();
		out.u8(2).name(stream).u32(1).u8(1).u64(0).u64(0).u8(0).name(topic);
		return out.toByteArray();
	}

	static byte[] sendPayload(String stream, String topic, String payload) {
		byte[] body = payload.getBytes(StandardCharsets.UTF_8);
		WireWriter out = new WireWriter();
		int metadata = 2 + stream.length() + 2 + topic.length() + 2 + 4;
		out.u32(metadata).u8(2).name(stream).u8(2).name(topic).u8(1).u8(0).u32(1);
		out.u32(0).u32(64 + body.length).u64(0);
		out.u64(0).u64(0).u64(0).u64(0).u64(0).u64(0).u32(0).u32(body.length).u64(0).bytes(body);
		return out.toByteArray();
	}

}
