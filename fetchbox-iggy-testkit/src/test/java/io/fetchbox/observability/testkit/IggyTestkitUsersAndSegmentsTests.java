package io.fetchbox.observability.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the contract suite cannot show against a real server with default settings:
 * segment deletion with a small segment size, users and tokens in file-backed mode, and a
 * deleted user's open connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IggyTestkitUsersAndSegmentsTests {

	private static final String STREAM = "s";

	private static final String TOPIC = "t";

	@TempDir
	Path dir;

	/** 100-byte payloads make 164-byte frames: two of them seal a 300-byte segment. */
	private static void sendTen(IggyTestkit server) {
		server.createTopic(STREAM, TOPIC, 1);
		for (int i = 0; i < 10; i++) {
			server.append(STREAM, TOPIC, 0, new byte[100], Map.of());
		}
	}

	private static byte[] deleteSegments(int count) {
		return new WireWriter().u8(2).name(STREAM).u8(2).name(TOPIC).u32(0).u32(count).toByteArray();
	}

	private static byte[] storeOffset(long consumer, long offset) {
		return new WireWriter().u8(1)
			.u8(1)
			.u8(4)
			.u32(consumer)
			.u8(2)
			.name(STREAM)
			.u8(2)
			.name(TOPIC)
			.u8(1)
			.u32(0)
			.u64(offset)
			.toByteArray();
	}

	/** Segments count of partition 0, read from GET_TOPIC. */
	private static long segments(AbstractIggyContractTests.RawConnection raw) throws Exception {
		byte[] topic = raw
			.request(IggyCommands.GET_TOPIC, new WireWriter().u8(2).name(STREAM).u8(2).name(TOPIC).toByteArray())
			.payload();
		int header = 51 + TOPIC.length();
		return ByteBuffer.wrap(topic, header + 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
	}

	private static int firstRetainedOffset(IggyTestkit server) {
		return (int) server.messages(STREAM, TOPIC).get(0).offset();
	}

	private static AbstractIggyContractTests.RawConnection root(IggyTestkit server) throws Exception {
		AbstractIggyContractTests.RawConnection raw = new AbstractIggyContractTests.RawConnection(server.host(),
				server.port());
		assertThat(raw.request(IggyCommands.LOGIN_USER, IggyTestkitFileTests.loginPayload()).status()).isZero();
		return raw;
	}

	@Test
	void deleteSegmentsRemovesSealedSegmentsUpToTheLowestCommittedOffset() throws Exception {
		try (IggyTestkit server = IggyTestkit.builder().segmentSize(300).start();
				AbstractIggyContractTests.RawConnection raw = root(server)) {
			sendTen(server);
			assertThat(segments(raw)).isEqualTo(5);
			assertThat(raw.request(IggyCommands.STORE_CONSUMER_OFFSET, storeOffset(1, 3)).status()).isZero();
			// offsets 0-1 and 2-3 are committed; 4-5 is not
			assertThat(raw.request(IggyCommands.DELETE_SEGMENTS, deleteSegments(10)).status()).isZero();
			assertThat(firstRetainedOffset(server)).isEqualTo(4);
			assertThat(segments(raw)).isEqualTo(3);
			assertThat(raw.request(IggyCommands.STORE_CONSUMER_OFFSET, storeOffset(1, 9)).status()).isZero();
			assertThat(raw.request(IggyCommands.DELETE_SEGMENTS, deleteSegments(1)).status()).isZero();
			assertThat(firstRetainedOffset(server)).isEqualTo(6);
			// the last (active) segment is never deleted
			assertThat(raw.request(IggyCommands.DELETE_SEGMENTS, deleteSegments(10)).status()).isZero();
			assertThat(firstRetainedOffset(server)).isEqualTo(8);
			assertThat(segments(raw)).isEqualTo(1);
			assertThat(server.messages(STREAM, TOPIC)).hasSize(2);
		}
	}

	@Test
	void usersTokensAndDeletedSegmentsSurviveARestart() throws Exception {
		String token;
		try (IggyTestkit server = IggyTestkit.builder().segmentSize(300).dataDir(this.dir).start();
				AbstractIggyContractTests.RawConnection raw = root(server)) {
			sendTen(server);
			byte[] createUser = new WireWriter().name("alice").name("secret").u8(1).u8(0).toByteArray();
			assertThat(raw.request(IggyCommands.CREATE_USER, createUser).status()).isZero();
			assertThat(raw.request(IggyCommands.DELETE_SEGMENTS, deleteSegments(2)).status()).isZero();
			try (AbstractIggyContractTests.RawConnection alice = new AbstractIggyContractTests.RawConnection(
					server.host(), server.port())) {
				assertThat(alice
					.request(IggyCommands.LOGIN_USER, AbstractIggyUserContractTests.loginPayload("alice", "secret"))
					.status()).isZero();
				AbstractIggyContractTests.RawResponse created = alice.request(IggyCommands.CREATE_PERSONAL_ACCESS_TOKEN,
						new WireWriter().name("ci").u64(0).toByteArray());
				assertThat(created.status()).isZero();
				token = new String(created.payload(), 1, created.payload()[0]);
			}
		}
		try (IggyTestkit server = IggyTestkit.builder().segmentSize(300).dataDir(this.dir).start();
				AbstractIggyContractTests.RawConnection raw = new AbstractIggyContractTests.RawConnection(server.host(),
						server.port())) {
			assertThat(firstRetainedOffset(server)).isEqualTo(4);
			AbstractIggyContractTests.RawResponse login = raw.request(IggyCommands.LOGIN_WITH_PERSONAL_ACCESS_TOKEN,
					AbstractIggyContractTests.nameBytes(token));
			assertThat(login.status()).isZero();
			assertThat(ByteBuffer.wrap(login.payload()).order(ByteOrder.LITTLE_ENDIAN).getInt()).isPositive();
			// alice has no permissions
			assertThat(raw.request(IggyCommands.GET_STREAMS, new byte[0]).status()).isEqualTo(41);
			assertThat(
					raw.request(IggyCommands.LOGIN_USER, AbstractIggyUserContractTests.loginPayload("alice", "secret"))
						.status())
				.isZero();
		}
	}

	@Test
	void aDeletedUsersConnectionStaysOpenWithoutRightsAndLeavesTheClientList() throws Exception {
		try (IggyTestkit server = IggyTestkit.builder().start();
				AbstractIggyContractTests.RawConnection raw = root(server);
				AbstractIggyContractTests.RawConnection bob = new AbstractIggyContractTests.RawConnection(server.host(),
						server.port())) {
			byte[] createUser = new WireWriter().name("bob")
				.name("secret")
				.u8(1)
				.u8(1)
				.u32(11)
				.bytes(new byte[] { 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0 })
				.toByteArray();
			assertThat(raw.request(IggyCommands.CREATE_USER, createUser).status()).isZero();
			assertThat(bob.request(IggyCommands.LOGIN_USER, AbstractIggyUserContractTests.loginPayload("bob", "secret"))
				.status()).isZero();
			assertThat(bob.request(IggyCommands.GET_STREAMS, new byte[0]).status()).isZero();
			int clients = raw.request(IggyCommands.GET_CLIENTS, new byte[0]).payload().length;
			assertThat(raw.request(IggyCommands.DELETE_USER, new WireWriter().u8(2).name("bob").toByteArray()).status())
				.isZero();
			assertThat(bob.request(IggyCommands.GET_STREAMS, new byte[0]).status()).isEqualTo(41);
			assertThat(raw.request(IggyCommands.GET_CLIENTS, new byte[0]).payload().length).isLessThan(clients);
		}
	}

	@Test
	void snapshotOfACompressionTheJdkLacksIsTheServersCompletionError() throws Exception {
		try (IggyTestkit server = IggyTestkit.builder().start();
				AbstractIggyContractTests.RawConnection raw = root(server)) {
			for (byte zstd : new byte[] { 3, 4, 5, 6 }) {
				assertThat(raw.request(IggyCommands.GET_SNAPSHOT, new byte[] { zstd, 1, 4 }).status()).isEqualTo(9000);
			}
		}
	}

}
