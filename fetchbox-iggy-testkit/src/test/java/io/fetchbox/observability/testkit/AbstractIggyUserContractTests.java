package io.fetchbox.observability.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.iggy.consumergroup.Consumer;
import org.apache.iggy.consumergroup.ConsumerGroupDetails;
import org.apache.iggy.exception.IggyAuthorizationException;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.identifier.StreamId;
import org.apache.iggy.identifier.TopicId;
import org.apache.iggy.identifier.UserId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.message.PollingStrategy;
import org.apache.iggy.personalaccesstoken.PersonalAccessTokenInfo;
import org.apache.iggy.system.ClientInfo;
import org.apache.iggy.system.ClientInfoDetails;
import org.apache.iggy.system.ConsumerGroupInfo;
import org.apache.iggy.topic.TopicDetails;
import org.apache.iggy.user.GlobalPermissions;
import org.apache.iggy.user.Permissions;
import org.apache.iggy.user.StreamPermissions;
import org.apache.iggy.user.UserInfo;
import org.apache.iggy.user.UserInfoDetails;
import org.apache.iggy.user.UserStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract of the system and user commands (users, permissions, personal access
 * tokens, clients, cluster metadata, snapshot), each through both SDK clients where the
 * SDK has a method, through the SDK's transport where it has none.
 */
abstract class AbstractIggyUserContractTests extends IggyContractFixture {

	private static final GlobalPermissions NO_GLOBAL_RIGHTS = new GlobalPermissions(false, false, false, false, false,
			false, false, false, false, false);

	private static Permissions onStream(long streamId, boolean send) {
		return new Permissions(NO_GLOBAL_RIGHTS,
				Map.of(streamId, new StreamPermissions(false, true, false, false, true, send, Map.of())));
	}

	private static void assertCode(Throwable ex, int code) {
		assertThat(rawCode(ex)).isEqualTo(code);
	}

	static byte[] loginPayload(String username, String password) {
		byte[] user = username.getBytes(StandardCharsets.UTF_8);
		byte[] pass = password.getBytes(StandardCharsets.UTF_8);
		return new WireWriter().u8(user.length).bytes(user).u8(pass.length).bytes(pass).u32(0).u32(0).toByteArray();
	}

	@ParameterizedTest
	@EnumSource(Sdk.class)
	void userLifecycle(Sdk sdk) throws IOException {
		Api api = api(sdk);
		String name = unique("user");
		UserInfoDetails created = api.users().createUser(name, "secret-1", UserStatus.Active, Optional.empty());
		assertThat(created.username()).isEqualTo(name);
		assertThat(created.status()).isEqualTo(UserStatus.Active);
		assertThat(created.permissions()).isEmpty();
		assertThat(created.id()).isPositive();
		assertThat(api.users().getUser(UserId.of(name))).hasValueSatisfying((user) -> {
			assertThat(user.id()).isEqualTo(created.id());
			assertThat(user.createdAt()).isPositive();
		});
		assertThat(api.users().getUsers()).extracting(UserInfo::username).contains("iggy", name);
		assertThatExceptionOfType(IggyServerException.class)
			.isThrownBy(() -> api.users().createUser(name, "secret-1", UserStatus.Active, Optional.empty()))
			.satisfies((ex) -> assertCode(ex, 46));
		String renamed = unique("user");
		api.users().updateUser(UserId.of(created.id()), Optional.of(renamed), Optional.of(UserStatus.Inactive));
		assertThat(api.users().getUser(UserId.of(name))).isEmpty();
		assertThat(api.users().getUser(UserId.of(renamed)))
			.hasValueSatisfying((user) -> assertThat(user.status()).isEqualTo(UserStatus.Inactive));
		try (RawConnection raw = new RawConnection(host(), port())) {
			assertThat(raw.request(IggyCommands.LOGIN_USER, loginPayload(renamed, "secret-1")).status()).isEqualTo(47);
			api.users().updateUser(UserId.of(renamed), Optional.empty(), Optional.of(UserStatus.Active));
			assertThatExceptionOfType(IggyServerException.class)
				.isThrownBy(() -> api.users().changePassword(UserId.of(renamed), "not-it", "secret-2"))
				.satisfies((ex) -> assertCode(ex, 42));
			api.users().changePassword(UserId.of(renamed), "secret-1", "secret-2");
			assertThat(raw.request(IggyCommands.LOGIN_USER, loginPayload(renamed, "secret-1")).status()).isEqualTo(42);
			RawResponse login = raw.request(IggyCommands.LOGIN_USER, loginPayload(renamed, "secret-2"));
			assertThat(login.status()).isZero();
			assertThat(ByteBuffer.wrap(login.payload()).order(ByteOrder.LITTLE_ENDIAN).getInt())
				.isEqualTo(created.id().intValue());
		}
		api.users().deleteUser(UserId.of(renamed));
		assertThat(api.users().getUser(UserId.of(renamed))).isEmpty();
		assertThatExceptionOfType(IggyServerException.class)
			.isThrownBy(() -> api.users().deleteUser(UserId.of(renamed)))
			.satisfies((ex) -> assertCode(ex, 20));
	}

	@ParameterizedTest
	@EnumSource(Sdk.class)
	void rootKeepsAllRights(Sdk sdk) {
		Api api = api(sdk);
		assertThat(api.users().getUser(UserId.of(0L))).hasValueSatisfying((root) -> {
			assertThat(root.username()).isEqualTo("iggy");
			assertThat(root.permissions()).hasValueSatisfying((p) -> {
				assertThat(p.global().manageServers()).isTrue();
				assertThat(p.global().manageUsers()).isTrue();
				assertThat(p.global().manageStreams()).isTrue();
				assertThat(p.global().sendMessages()).isTrue();
			});
		});
		assertThatExceptionOfType(IggyServerException.class).isThrownBy(() -> api.users().deleteUser(UserId.of(0L)))
			.satisfies((ex) -> assertCode(ex, 48));
		assertThatExceptionOfType(IggyServerException.class)
			.isThrownBy(() -> api.users().updatePermissions(UserId.of(0L), Optional.empty()))
			.satisfies((ex) -> assertCode(ex, 49));
	}

	@ParameterizedTest
	@EnumSource(Sdk.class)
	void permissionsAreEnforcedPerStream(Sdk sdk) throws Exception {
		Api root = api(sdk);
		String allowed = newStream();
		String other = newStream();
		String topic = newTopic(allowed, 1).name();
		long allowedId = root.streams().getStream(StreamId.of(allowed)).orElseThrow().id();
		String name = unique("reader");
		UserInfoDetails created = root.users()
			.createUser(name, "secret-1", UserStatus.Active, Optional.of(onStream(allowedId, false)));
		assertThat(created.permissions())
			.hasValueSatisfying((p) -> assertThat(p.streams()).containsOnlyKeys(allowedId).allSatisfy((id, stream) -> {
				assertThat(stream.readStream()).isTrue();
				assertThat(stream.sendMessages()).isFalse();
			}));
		Api reader = loginAs(sdk, name, "secret-1");
		StreamId s = StreamId.of(allowed);
		TopicId t = TopicId.of(topic);
		assertThat(reader.streams().getStream(s)).isPresent();
		assertThat(reader.users().getUser(UserId.of(name))).isPresent();
		List<Runnable> forbidden = List.of(() -> reader.streams().getStream(StreamId.of(other)),
				() -> reader.streams().getStreams(), () -> reader.streams().createStream(unique("s")),
				() -> reader.users().getUsers(),
				() -> reader.messages().sendMessages(s, t, Partitioning.partitionId(0L), List.of(Message.of("x"))));
		for (Runnable call : forbidden) {
			assertThatExceptionOfType(IggyAuthorizationException.class).isThrownBy(call::run)
				.satisfies((ex) -> assertCode(ex, 41));
		}
		assertThat(reader.messages()
			.pollMessages(s, t, Optional.of(0L), Consumer.of(1L), PollingStrategy.first(), 10L, false)
			.messages()).isEmpty();
		// a token acts with its owner's rights
		String token = reader.tokens().createPersonalAccessToken(unique("pat"), BigInteger.ZERO).token();
		try (RawConnection raw = new RawConnection(host(), port())) {
			assertThat(raw.request(IggyCommands.LOGIN_WITH_PERSONAL_ACCESS_TOKEN, nameBytes(token)).status()).isZero();
			assertThat(raw.request(IggyCommands.GET_STREAMS, new byte[0]).status()).isEqualTo(41);
		}
		root.users().updatePermissions(UserId.of(name), Optional.of(onStream(allowedId, true)));
		reader.messages().sendMessages(s, t, Partitioning.partitionId(0L), List.of(Message.of("granted")));
		assertThat(payloads(reader.messages()
			.pollMessages(s, t, Optional.of(0L), Consumer.of(1L), PollingStrategy.first(), 10L, false)))
			.containsExactly("granted");
		root.users().deleteUser(UserId.of(name));
	}

	@ParameterizedTest
	@EnumSource(Sdk.class)
	void personalAccessTokenLoginThroughTheSdk(Sdk sdk) throws Exception {
		Api api = api(sdk);
		String tokenName = unique("pat");
		String token = api.tokens().createPersonalAccessToken(tokenName, BigInteger.ZERO).token();
		assertThat(api.tokens().getPersonalAccessTokens()).extracting(PersonalAccessTokenInfo::name)
			.contains(tokenName);
		Api viaToken = loginWithToken(sdk, token);
		assertThat(viaToken.system().getMe().userId()).isEmpty(); // root is user 0
		String stream = unique("pat-stream");
		viaToken.streams().createStream(stream);
		assertThat(viaToken.streams().getStream(StreamId.of(stream))).isPresent();
		api.tokens().deletePersonalAccessToken(tokenName);
		assertThat(api.tokens().getPersonalAccessTokens()).extracting(PersonalAccessTokenInfo::name)
			.doesNotContain(tokenName);
	}

	@ParameterizedTest
	@EnumSource(Sdk.class)
	void clientsListTheConsumerGroupsTheyJoined(Sdk sdk) {
		String stream = newStream();
		TopicDetails topic = newTopic(stream, 2);
		StreamId s = StreamId.of(stream);
		TopicId t = TopicId.of(topic.id());
		ConsumerGroupDetails group = this.memberA.consumerGroups().createConsumerGroup(s, t, "listed");
		this.memberA.consumerGroups().joinConsumerGroup(s, t, ConsumerId.of("listed"));
		try {
			long memberId = this.memberA.system().getMe().clientId();
			long streamId = this.client.streams().getStream(s).orElseThrow().id();
			List<ClientInfo> clients = api(sdk).system().getClients();
			assertThat(clients).anySatisfy((c) -> {
				assertThat(c.clientId()).isEqualTo(memberId);
				assertThat(c.consumerGroupsCount()).isEqualTo(1L);
				assertThat(c.transport()).isEqualTo("Tcp");
				assertThat(c.address()).contains(":");
			});
			ClientInfoDetails details = api(sdk).system().getClient(memberId);
			assertThat(details.clientId()).isEqualTo(memberId);
			assertThat(details.consumerGroups())
				.containsExactly(new ConsumerGroupInfo(streamId, topic.id(), group.id()));
			assertThatExceptionOfType(IggyServerException.class).isThrownBy(() -> api(sdk).system().getClient(0L))
				.satisfies((ex) -> assertCode(ex, 101));
		}
		finally {
			this.memberA.consumerGroups().leaveConsumerGroup(s, t, ConsumerId.of("listed"));
		}
	}

	@Test
	void clusterMetadataDescribesOneHealthyLeader() throws Exception {
		ByteBuffer in = ByteBuffer.wrap(transport().send(IggyCommands.GET_CLUSTER_METADATA, new byte[0]))
			.order(ByteOrder.LITTLE_ENDIAN);
		assertThat(string32(in)).isEqualTo("single-node");
		assertThat(in.getInt()).isEqualTo(1);
		assertThat(string32(in)).isEqualTo("iggy-node");
		assertThat(string32(in)).isNotEmpty(); // ip
		assertThat(Short.toUnsignedInt(in.getShort())).isPositive(); // tcp port
		in.position(in.position() + 6); // quic, http, websocket ports
		assertThat(in.get()).isZero(); // leader
		assertThat(in.get()).isZero(); // healthy
		assertThat(in.remaining()).isZero();
	}

	private static String string32(ByteBuffer in) {
		byte[] bytes = new byte[in.getInt()];
		in.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	@Test
	void snapshotIsAZipOfTheRequestedFiles() throws Exception {
		SdkTransport transport = transport();
		// deflated (2), one type: test (4)
		Map<String, String> entries = unzip(transport.send(IggyCommands.GET_SNAPSHOT, new byte[] { 2, 1, 4 }));
		assertThat(entries).containsExactly(Map.entry("test.txt", "test\n"));
		// stored (1)
		assertThat(unzip(transport.send(IggyCommands.GET_SNAPSHOT, new byte[] { 1, 1, 4 })))
			.containsOnlyKeys("test.txt");
		// "all" (100) next to another type, an unknown type, an unknown compression
		for (byte[] invalid : List.of(new byte[] { 2, 2, 100, 4 }, new byte[] { 2, 1, 42 }, new byte[] { 9, 1, 4 })) {
			assertThatExceptionOfType(IggyServerException.class)
				.isThrownBy(() -> transport.send(IggyCommands.GET_SNAPSHOT, invalid))
				.satisfies((ex) -> assertCode(ex, 3));
		}
	}

	private static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(entries).as("a zip archive with entries").isNotEmpty();
		return entries;
	}

}
