package io.fetchbox.observability.testkit;

/**
 * Status codes of Apache Iggy server 0.8.0 that the testkit sends (the server's
 * {@code IggyError::as_code()} values; several carry different names in the Java SDK's
 * {@code IggyErrorCode}).
 *
 * @since 0.1.0
 */
public final class IggyErrors {

	/** Unknown command, undecodable payload. */
	public static final int INVALID_COMMAND = 3;

	/** Wire validation failure, e.g. an empty name. */
	public static final int INVALID_FORMAT = 4;

	/** Server is shutting down. */
	public static final int DISCONNECTED = 8;

	/** Unknown personal access token. */
	public static final int RESOURCE_NOT_FOUND = 20;

	/** Command needs a logged-in connection. */
	public static final int UNAUTHENTICATED = 40;

	/** The user lacks the permission the command needs. */
	public static final int UNAUTHORIZED = 41;

	/** Unknown user or wrong password. */
	public static final int INVALID_CREDENTIALS = 42;

	/** Username length outside 3..50. */
	public static final int INVALID_USERNAME = 43;

	/** Password length outside 3..100. */
	public static final int INVALID_PASSWORD = 44;

	/** Duplicate username. */
	public static final int USER_ALREADY_EXISTS = 46;

	/** Login as an inactive user. */
	public static final int USER_INACTIVE = 47;

	/** The root user cannot be deleted. */
	public static final int CANNOT_DELETE_USER = 48;

	/** The root user's permissions cannot be changed. */
	public static final int CANNOT_CHANGE_PERMISSIONS = 49;

	/** Duplicate personal access token name for the same user. */
	public static final int PAT_NAME_ALREADY_EXISTS = 51;

	/** GET_CLIENT with client id 0. */
	public static final int INVALID_CLIENT_ID = 101;

	/** Missing stream, by id or by name. */
	public static final int STREAM_NOT_FOUND = 1009;

	/** Duplicate stream name. */
	public static final int STREAM_NAME_ALREADY_EXISTS = 1012;

	/** Maximum topic size below the segment size. */
	public static final int INVALID_TOPIC_SIZE = 1019;

	/** Missing topic, by id or by name. */
	public static final int TOPIC_NOT_FOUND = 2010;

	/** Duplicate topic name. */
	public static final int TOPIC_NAME_ALREADY_EXISTS = 2013;

	/** More than 1000 partitions. */
	public static final int TOO_MANY_PARTITIONS = 2015;

	/** Missing partition. */
	public static final int PARTITION_NOT_FOUND = 3007;

	/** DELETE_CONSUMER_OFFSET with nothing stored. */
	public static final int CONSUMER_OFFSET_NOT_FOUND = 3021;

	/** Group member does not own the partition, or owns none. */
	public static final int NOT_RESOLVED_CONSUMER = 3022;

	/** SEND with zero messages. */
	public static final int INVALID_MESSAGES_COUNT = 4009;

	/** User headers over 100,000 bytes. */
	public static final int TOO_BIG_USER_HEADERS = 4017;

	/** Payload over 64,000,000 bytes. */
	public static final int TOO_BIG_MESSAGE_PAYLOAD = 4022;

	/** Non-zero offset in a SEND index entry. */
	public static final int NON_ZERO_OFFSET = 4031;

	/** Non-zero timestamp in a SEND index entry. */
	public static final int NON_ZERO_TIMESTAMP = 4032;

	/** Message frame shorter than its 64-byte header. */
	public static final int MISSING_INDEX = 4033;

	/** Message sizes do not add up to the message section. */
	public static final int INVALID_MESSAGES_SIZE = 4036;

	/** Stored offset beyond the partition's current offset, or on an empty partition. */
	public static final int INVALID_OFFSET = 4100;

	/** Missing consumer group, by id or by name. */
	public static final int CONSUMER_GROUP_NOT_FOUND = 5000;

	/** Duplicate consumer group name. */
	public static final int CONSUMER_GROUP_NAME_ALREADY_EXISTS = 5004;

	/** This connection is not a member of the consumer group. */
	public static final int CONSUMER_GROUP_MEMBER_NOT_FOUND = 5006;

	/**
	 * GET_SNAPSHOT could not produce the archive (the testkit: a compression the JDK
	 * lacks).
	 */
	public static final int SNAPSHOT_FILE_COMPLETION_FAILED = 9000;

	private IggyErrors() {
	}

}
