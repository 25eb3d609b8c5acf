package io.fetchbox.observability.testkit;

/**
 * Command codes of the Iggy 0.8.0 TCP protocol, all 47 of which the testkit serves (for
 * {@link IggyTestkit#failNext(int, int, int)} and
 * {@link IggyTestkit#commandsReceived(int)}).
 *
 * @since 0.1.0
 */
public final class IggyCommands {

	/** PING. */
	public static final int PING = 1;

	/** GET_STATS. */
	public static final int GET_STATS = 10;

	/** GET_SNAPSHOT_FILE. */
	public static final int GET_SNAPSHOT = 11;

	/** GET_CLUSTER_METADATA. */
	public static final int GET_CLUSTER_METADATA = 12;

	/** GET_ME. */
	public static final int GET_ME = 20;

	/** GET_CLIENT. */
	public static final int GET_CLIENT = 21;

	/** GET_CLIENTS. */
	public static final int GET_CLIENTS = 22;

	/** GET_USER. */
	public static final int GET_USER = 31;

	/** GET_USERS. */
	public static final int GET_USERS = 32;

	/** CREATE_USER. */
	public static final int CREATE_USER = 33;

	/** DELETE_USER. */
	public static final int DELETE_USER = 34;

	/** UPDATE_USER. */
	public static final int UPDATE_USER = 35;

	/** UPDATE_PERMISSIONS. */
	public static final int UPDATE_PERMISSIONS = 36;

	/** CHANGE_PASSWORD. */
	public static final int CHANGE_PASSWORD = 37;

	/** LOGIN_USER. */
	public static final int LOGIN_USER = 38;

	/** LOGOUT_USER. */
	public static final int LOGOUT_USER = 39;

	/** GET_PERSONAL_ACCESS_TOKENS. */
	public static final int GET_PERSONAL_ACCESS_TOKENS = 41;

	/** CREATE_PERSONAL_ACCESS_TOKEN. */
	public static final int CREATE_PERSONAL_ACCESS_TOKEN = 42;

	/** DELETE_PERSONAL_ACCESS_TOKEN. */
	public static final int DELETE_PERSONAL_ACCESS_TOKEN = 43;

	/** LOGIN_WITH_PERSONAL_ACCESS_TOKEN. */
	public static final int LOGIN_WITH_PERSONAL_ACCESS_TOKEN = 44;

	/** POLL_MESSAGES. */
	public static final int POLL_MESSAGES = 100;

	/** SEND_MESSAGES. */
	public static final int SEND_MESSAGES = 101;

	/** FLUSH_UNSAVED_BUFFER. */
	public static final int FLUSH_UNSAVED_BUFFER = 102;

	/** GET_CONSUMER_OFFSET. */
	public static final int GET_CONSUMER_OFFSET = 120;

	/** STORE_CONSUMER_OFFSET. */
	public static final int STORE_CONSUMER_OFFSET = 121;

	/** DELETE_CONSUMER_OFFSET. */
	public static final int DELETE_CONSUMER_OFFSET = 122;

	/** GET_STREAM. */
	public static final int GET_STREAM = 200;

	/** GET_STREAMS. */
	public static final int GET_STREAMS = 201;

	/** CREATE_STREAM. */
	public static final int CREATE_STREAM = 202;

	/** DELETE_STREAM. */
	public static final int DELETE_STREAM = 203;

	/** UPDATE_STREAM. */
	public static final int UPDATE_STREAM = 204;

	/** PURGE_STREAM. */
	public static final int PURGE_STREAM = 205;

	/** GET_TOPIC. */
	public static final int GET_TOPIC = 300;

	/** GET_TOPICS. */
	public static final int GET_TOPICS = 301;

	/** CREATE_TOPIC. */
	public static final int CREATE_TOPIC = 302;

	/** DELETE_TOPIC. */
	public static final int DELETE_TOPIC = 303;

	/** UPDATE_TOPIC. */
	public static final int UPDATE_TOPIC = 304;

	/** PURGE_TOPIC. */
	public static final int PURGE_TOPIC = 305;

	/** CREATE_PARTITIONS. */
	public static final int CREATE_PARTITIONS = 402;

	/** DELETE_PARTITIONS. */
	public static final int DELETE_PARTITIONS = 403;

	/** DELETE_SEGMENTS. */
	public static final int DELETE_SEGMENTS = 503;

	/** GET_CONSUMER_GROUP. */
	public static final int GET_CONSUMER_GROUP = 600;

	/** GET_CONSUMER_GROUPS. */
	public static final int GET_CONSUMER_GROUPS = 601;

	/** CREATE_CONSUMER_GROUP. */
	public static final int CREATE_CONSUMER_GROUP = 602;

	/** DELETE_CONSUMER_GROUP. */
	public static final int DELETE_CONSUMER_GROUP = 603;

	/** JOIN_CONSUMER_GROUP. */
	public static final int JOIN_CONSUMER_GROUP = 604;

	/** LEAVE_CONSUMER_GROUP. */
	public static final int LEAVE_CONSUMER_GROUP = 605;

	private IggyCommands() {
	}

}
