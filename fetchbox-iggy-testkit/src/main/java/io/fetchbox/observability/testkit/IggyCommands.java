package io.fetchbox.observability.testkit;

/**
 * Command codes of the Iggy 0.8.0 TCP protocol that the testkit serves (for
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

	/** GET_ME. */
	public static final int GET_ME = 20;

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

	/** GET_CONSUMER_OFFSET. */
	public static final int GET_CONSUMER_OFFSET = 120;

	/** STORE_CONSUMER_OFFSET. */
	public static final int STORE_CONSUMER_OFFSET = 121;

	/** GET_STREAM. */
	public static final int GET_STREAM = 200;

	/** GET_STREAMS. */
	public static final int GET_STREAMS = 201;

	/** CREATE_STREAM. */
	public static final int CREATE_STREAM = 202;

	/** DELETE_STREAM. */
	public static final int DELETE_STREAM = 203;

	/** GET_TOPIC. */
	public static final int GET_TOPIC = 300;

	/** GET_TOPICS. */
	public static final int GET_TOPICS = 301;

	/** CREATE_TOPIC. */
	public static final int CREATE_TOPIC = 302;

	/** DELETE_TOPIC. */
	public static final int DELETE_TOPIC = 303;

	/** CREATE_PARTITIONS. */
	public static final int CREATE_PARTITIONS = 402;

	/** DELETE_PARTITIONS. */
	public static final int DELETE_PARTITIONS = 403;

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
