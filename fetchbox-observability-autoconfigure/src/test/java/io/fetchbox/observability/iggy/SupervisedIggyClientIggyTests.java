package io.fetchbox.observability.iggy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.iggy.exception.IggyConflictException;
import org.apache.iggy.identifier.ConsumerId;
import org.apache.iggy.message.Message;
import org.apache.iggy.message.Partitioning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.fetchbox.observability.iggy.IggyConnectionState.Status;
import io.fetchbox.observability.testkit.IggyCommands;
import io.fetchbox.observability.testkit.IggyTestkit;
import io.fetchbox.observability.testkit.IggyTestkitExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SupervisedIggyClient} against the Iggy testkit and its fault injection.
 */
class SupervisedIggyClientIggyTests {

	@RegisterExtension
	final IggyTestkitExtension iggy = new IggyTestkitExtension();

	private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void connectsAndProvisionsTheTopology() {
		SupervisedIggyClient client = client(IggyTopology.DEFAULT).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.state().isUp());
		assertThat(client.whenUp()).isCompleted();
		assertThat(this.iggy.server().topology()).containsKey("fetchbox");
		assertThat(this.iggy.server().topology().get("fetchbox")).contains("jobs.tasks", "jobs.status", "jobs.logs",
				"jobs.dlq");
		// a second client finds everything in place (and a conflict would count as
		// existing)
		SupervisedIggyClient second = client(IggyTopology.DEFAULT).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> second.state().isUp());
		CompletableFuture<Object> conflict = second.call("create stream",
				(sdk) -> sdk.streams().createStream("fetchbox").thenApply((s) -> (Object) s));
		assertThat(conflict).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(IggyConflictException.class);
		assertThat(second.state().isUp()).as("a server error keeps the connection").isTrue();
	}

	@Test
	void pausedBrokerTimesOutDiscardsTheClientAndRecovers() {
		SupervisedIggyClient client = client(IggyTopology.DEFAULT).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.state().isUp());
		List<IggyConnectionState> states = new CopyOnWriteArrayList<>();
		client.addListener(new IggyClientListener() {
			@Override
			public void stateChanged(IggyConnectionState previous, IggyConnectionState current) {
				states.add(current);
			}
		});
		IggyTestkit server = this.iggy.server();
		server.pause();
		CompletableFuture<Void> send = client.call("send",
				(sdk) -> sdk.messages()
					.sendMessages(IggyTopology.DEFAULT.streamId(), IggyTopology.DEFAULT.logs().topicId(),
							Partitioning.messagesKey("job-1"), List.of(Message.of("hello"))));
		assertThat(send).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(IggyCallTimeoutException.class);
		await().atMost(Duration.ofSeconds(5)).until(() -> client.state().status() == Status.DOWN);
		server.resume();
		await().atMost(Duration.ofSeconds(15)).until(() -> client.state().isUp());
		assertThat(states).extracting(IggyConnectionState::status).containsSubsequence(Status.DOWN, Status.UP);
	}

	@Test
	void brokerRestartIsRecoveredAndAnInMemoryTopologyIsProvisionedAgain() {
		SupervisedIggyClient client = client(IggyTopology.DEFAULT).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.state().isUp());
		IggyTestkit server = this.iggy.server();
		server.stop();
		CompletableFuture<String> ping = client.call("ping", (sdk) -> sdk.system().ping());
		assertThat(ping).failsWithin(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(() -> client.state().status() == Status.DOWN);
		server.start();
		await().atMost(Duration.ofSeconds(15)).until(() -> client.state().isUp());
		assertThat(client.call("ping", (sdk) -> sdk.system().ping())).succeedsWithin(Duration.ofSeconds(5));
	}

	@Test
	void droppedConnectionsAreRecovered() {
		SupervisedIggyClient client = client(IggyTopology.DEFAULT).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.state().isUp());
		this.iggy.server().dropConnections();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(
					client.call("get stream", (sdk) -> sdk.streams().getStream(IggyTopology.DEFAULT.streamId())))
				.succeedsWithin(Duration.ofSeconds(3)));
	}

	@Test
	void wrongPasswordStaysDownWithoutLeakingIt() {
		IggyClientSettings settings = IggyClientSettings.builder()
			.address(this.iggy.address())
			.credentials("iggy", "not-the-password")
			.requestTimeout(Duration.ofSeconds(1))
			.backoff(new IggyBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 2.0, 0.1))
			.build();
		SupervisedIggyClient client = new SupervisedIggyClient("test", settings).start();
		this.closeables.add(client);
		await().atMost(Duration.ofSeconds(10)).until(() -> client.state().lastError() != null);
		assertThat(client.state().status()).isEqualTo(Status.DOWN);
		assertThat(client.state().lastError()).doesNotContain("not-the-password");
	}

	@Test
	void dedicatedClientUsesOneConnectionAndRunsItsInitializerOnEveryConnection() {
		SupervisedIggyClient main = client(IggyTopology.DEFAULT).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> main.state().isUp());
		List<String> initialized = new CopyOnWriteArrayList<>();
		SupervisedIggyClient dedicated = main.dedicated("tailer", (sdk) -> {
			initialized.add("init");
			return sdk.system().ping();
		});
		this.closeables.add(dedicated);
		await().atMost(Duration.ofSeconds(10)).until(() -> dedicated.state().isUp());
		int before = this.iggy.server().connectionCount();
		for (int i = 0; i < 20; i++) {
			assertThat(dedicated.call("get stream", (sdk) -> sdk.streams().getStream(IggyTopology.DEFAULT.streamId())))
				.succeedsWithin(Duration.ofSeconds(5));
		}
		assertThat(this.iggy.server().connectionCount()).isEqualTo(before);
		// The SDK reopens a dropped connection silently; a group consumer learns it from
		// 5006
		// (membership lost), which makes the client reconnect and run the initializer
		// again.
		this.iggy.server().failNext(IggyCommands.POLL_MESSAGES, 1, 5006);
		CompletableFuture<?> poll = dedicated.call("poll",
				(sdk) -> sdk.messages()
					.pollMessages(IggyTopology.DEFAULT.streamId(), IggyTopology.DEFAULT.logs().topicId(),
							java.util.Optional.of(0L), org.apache.iggy.consumergroup.Consumer.of(1L),
							org.apache.iggy.message.PollingStrategy.first(), 1L, false));
		assertThat(poll).failsWithin(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(15)).until(() -> initialized.size() >= 2 && dedicated.state().isUp());
		assertThat(this.iggy.server().commandsReceived(IggyCommands.LOGIN_USER)).isPositive();
	}

	@Test
	void dedicatedClientsConnectOnceTheMainClientIsUpAndFindItsTopics() {
		SupervisedIggyClient main = client(IggyTopology.DEFAULT);
		IggyTopology.Topic tasks = IggyTopology.DEFAULT.tasks();
		List<IggyConnectionState> dedicatedStates = new CopyOnWriteArrayList<>();
		// joins a group on a topic the main client creates, as a group consumer does
		SupervisedIggyClient dedicated = main.dedicated("workers", (sdk) -> sdk.consumerGroups()
			.createConsumerGroup(IggyTopology.DEFAULT.streamId(), tasks.topicId(), "workers")
			.thenCompose((group) -> sdk.consumerGroups()
				.joinConsumerGroup(IggyTopology.DEFAULT.streamId(), tasks.topicId(), ConsumerId.of("workers"))));
		this.closeables.add(dedicated);
		dedicated.addListener(new IggyClientListener() {
			@Override
			public void stateChanged(IggyConnectionState previous, IggyConnectionState current) {
				dedicatedStates.add(current);
			}
		});
		assertThat(dedicated.isStarted()).isFalse();
		assertThat(dedicated.call("ping", (sdk) -> sdk.system().ping())).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(IggyUnavailableException.class);

		main.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> dedicated.state().isUp());
		assertThat(main.whenUp()).isCompleted();
		assertThat(dedicatedStates).extracting(IggyConnectionState::status)
			.as("the dedicated client never saw a missing topic")
			.containsExactly(Status.UP);
		assertThat(main.call("get group",
				(sdk) -> sdk.consumerGroups()
					.getConsumerGroup(IggyTopology.DEFAULT.streamId(), tasks.topicId(), ConsumerId.of("workers"))))
			.succeedsWithin(Duration.ofSeconds(10))
			.satisfies((group) -> assertThat(group)
				.hasValueSatisfying((details) -> assertThat(details.membersCount()).isEqualTo(1L)));

		// derived once the main client is up: starts at once
		SupervisedIggyClient later = main.dedicated("tailer");
		this.closeables.add(later);
		assertThat(later.isStarted()).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> later.state().isUp());
	}

	private SupervisedIggyClient client(IggyTopology topology) {
		IggyClientSettings settings = IggyClientSettings.builder()
			.address(this.iggy.address())
			.requestTimeout(Duration.ofSeconds(1))
			.connectTimeout(Duration.ofSeconds(1))
			.backoff(new IggyBackoff(Duration.ofMillis(50), Duration.ofMillis(300), 2.0, 0.1))
			.build();
		SupervisedIggyClient client = new SupervisedIggyClient("test", settings, topology, List.of());
		this.closeables.add(client);
		return client;
	}

}
