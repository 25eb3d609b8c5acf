package io.fetchbox.observability.tail;

import java.nio.charset.StandardCharsets;

/**
 * Where the server puts a message keyed by a job id: {@code XXH32(UTF-8 bytes of the key,
 * seed 0)}, taken unsigned, modulo the topic's partition count (protocol notes, section
 * 7.2). Job ids are ASCII in practice, where UTF-8 and the SDK's platform charset agree.
 *
 * @since 0.1.0
 */
public final class JobPartitions {

	private JobPartitions() {
	}

	/**
	 * Partition (0-based) that holds the messages keyed by {@code jobId}.
	 * @param jobId the message key
	 * @param partitionCount the topic's partition count, at least 1
	 * @return the partition id
	 */
	public static long partitionOf(String jobId, long partitionCount) {
		if (partitionCount < 1) {
			throw new IllegalArgumentException("'partitionCount' must be at least 1");
		}
		int hash = XxHash32.hash(jobId.getBytes(StandardCharsets.UTF_8), 0);
		return Integer.toUnsignedLong(hash) % partitionCount;
	}

}
