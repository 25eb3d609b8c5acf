package io.fetchbox.observability.jobs.iggy;

import java.util.Map;

/**
 * A message polled from a partition.
 *
 * @param partitionId the partition
 * @param offset the message offset in the partition
 * @param headers the string user headers
 * @param payload the payload bytes
 * @since 0.1.0
 */
public record ReceivedMessage(long partitionId, long offset, Map<String, String> headers, byte[] payload) {

}
