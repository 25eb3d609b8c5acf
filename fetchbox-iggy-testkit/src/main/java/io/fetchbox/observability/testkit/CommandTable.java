package io.fetchbox.observability.testkit;

import java.util.HashMap;
import java.util.Map;

/**
 * The dispatch table: the one place that maps Iggy 0.8.0 command codes to the family that
 * executes them, and that knows which commands work without a login. An unknown code is
 * InvalidCommand (3); a command other than PING, LOGIN_USER and
 * LOGIN_WITH_PERSONAL_ACCESS_TOKEN on a connection not logged in is Unauthenticated (40).
 */
final class CommandTable {

	/** Executes one command: a family method reading its request from the payload. */
	@FunctionalInterface
	interface Handler {

		byte[] handle(Session session, WireReader in);

	}

	/**
	 * One row of the table.
	 *
	 * @param anonymous whether the command works before login
	 * @param locked whether to run it under the broker lock (SEND_MESSAGES parses outside
	 * it and locks by itself)
	 * @param handler the family method
	 */
	private record Entry(boolean anonymous, boolean locked, Handler handler) {
	}

	private final Map<Integer, Entry> entries = new HashMap<>();

	private final Object lock;

	CommandTable(Broker broker, SystemCommands system, UserCommands users, StreamTopicCommands topology,
			MessageCommands messages, GroupCommands groups) {
		this.lock = broker;
		anonymous(IggyCommands.PING, system::ping);
		locked(IggyCommands.GET_STATS, system::stats);
		locked(IggyCommands.GET_SNAPSHOT, system::snapshot);
		locked(IggyCommands.GET_CLUSTER_METADATA, system::clusterMetadata);
		locked(IggyCommands.GET_ME, system::me);
		locked(IggyCommands.GET_CLIENT, system::client);
		locked(IggyCommands.GET_CLIENTS, system::clients);

		locked(IggyCommands.GET_USER, users::getUser);
		locked(IggyCommands.GET_USERS, users::getUsers);
		locked(IggyCommands.CREATE_USER, users::createUser);
		locked(IggyCommands.DELETE_USER, users::deleteUser);
		locked(IggyCommands.UPDATE_USER, users::updateUser);
		locked(IggyCommands.UPDATE_PERMISSIONS, users::updatePermissions);
		locked(IggyCommands.CHANGE_PASSWORD, users::changePassword);
		anonymous(IggyCommands.LOGIN_USER, users::login);
		locked(IggyCommands.LOGOUT_USER, users::logout);
		locked(IggyCommands.GET_PERSONAL_ACCESS_TOKENS, users::getTokens);
		locked(IggyCommands.CREATE_PERSONAL_ACCESS_TOKEN, users::createToken);
		locked(IggyCommands.DELETE_PERSONAL_ACCESS_TOKEN, users::deleteToken);
		anonymous(IggyCommands.LOGIN_WITH_PERSONAL_ACCESS_TOKEN, users::loginWithToken);

		locked(IggyCommands.POLL_MESSAGES, messages::poll);
		this.entries.put(IggyCommands.SEND_MESSAGES, new Entry(false, false, messages::send));
		locked(IggyCommands.FLUSH_UNSAVED_BUFFER, messages::flush);
		locked(IggyCommands.GET_CONSUMER_OFFSET, messages::getOffset);
		locked(IggyCommands.STORE_CONSUMER_OFFSET, messages::storeOffset);
		locked(IggyCommands.DELETE_CONSUMER_OFFSET, messages::deleteOffset);

		locked(IggyCommands.GET_STREAM, topology::getStream);
		locked(IggyCommands.GET_STREAMS, topology::getStreams);
		locked(IggyCommands.CREATE_STREAM, topology::createStream);
		locked(IggyCommands.DELETE_STREAM, topology::deleteStream);
		locked(IggyCommands.UPDATE_STREAM, topology::updateStream);
		locked(IggyCommands.PURGE_STREAM, topology::purgeStream);
		locked(IggyCommands.GET_TOPIC, topology::getTopic);
		locked(IggyCommands.GET_TOPICS, topology::getTopics);
		locked(IggyCommands.CREATE_TOPIC, topology::createTopic);
		locked(IggyCommands.DELETE_TOPIC, topology::deleteTopic);
		locked(IggyCommands.UPDATE_TOPIC, topology::updateTopic);
		locked(IggyCommands.PURGE_TOPIC, topology::purgeTopic);
		locked(IggyCommands.CREATE_PARTITIONS, topology::createPartitions);
		locked(IggyCommands.DELETE_PARTITIONS, topology::deletePartitions);
		locked(IggyCommands.DELETE_SEGMENTS, topology::deleteSegments);

		locked(IggyCommands.GET_CONSUMER_GROUP, groups::getGroup);
		locked(IggyCommands.GET_CONSUMER_GROUPS, groups::getGroups);
		locked(IggyCommands.CREATE_CONSUMER_GROUP, groups::createGroup);
		locked(IggyCommands.DELETE_CONSUMER_GROUP, groups::deleteGroup);
		locked(IggyCommands.JOIN_CONSUMER_GROUP, groups::joinGroup);
		locked(IggyCommands.LEAVE_CONSUMER_GROUP, groups::leaveGroup);
	}

	private void anonymous(int code, Handler handler) {
		this.entries.put(code, new Entry(true, true, handler));
	}

	private void locked(int code, Handler handler) {
		this.entries.put(code, new Entry(false, true, handler));
	}

	/** How many command codes the table serves. */
	int size() {
		return this.entries.size();
	}

	byte[] execute(Session session, int code, byte[] payload) {
		Entry entry = this.entries.get(code);
		if (entry == null) {
			throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
		}
		if (!entry.anonymous() && !session.authenticated()) {
			throw new IggyErrorException(IggyErrors.UNAUTHENTICATED);
		}
		WireReader in = new WireReader(payload);
		if (!entry.locked()) {
			return entry.handler().handle(session, in);
		}
		synchronized (this.lock) {
			return entry.handler().handle(session, in);
		}
	}

}
