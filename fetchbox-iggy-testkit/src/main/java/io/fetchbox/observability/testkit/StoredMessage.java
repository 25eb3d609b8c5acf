package io.fetchbox.observability.testkit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message as the testkit stored it, for assertions on what a client sent.
 *
 * @param partitionId the partition it was appended to (0-based)
 * @param offset its offset within the partition
 * @param id the server-assigned (or client-given) u128 message id
 * @param timestampMicros the append timestamp, microseconds since the epoch
 * @param originTimestampMicros the origin timestamp as sent by the client
 * @param headers the string-valued user headers (other kinds are left out)
 * @param payload the payload bytes
 * @since 0.1.0
 */
public record StoredMessage(long partitionId, long offset, BigInteger id, long timestampMicros,
		long originTimestampMicros, Map<String, String> headers, byte[] payload) {

	private static final int STRING_KIND = 2;

	/**
	 * The payload decoded as UTF-8.
	 * @return the payload as a string
	 */
	public String payloadAsString() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof StoredMessage that && this.partitionId == that.partitionId && this.offset == that.offset
				&& this.id.equals(that.id) && this.timestampMicros == that.timestampMicros
				&& this.originTimestampMicros == that.originTimestampMicros && this.headers.equals(that.headers)
				&& Arrays.equals(this.payload, that.payload);
	}

	@Override
	public int hashCode() {
		return 31 * Long.hashCode(this.offset) + Arrays.hashCode(this.payload);
	}

	@Override
	public String toString() {
		return "StoredMessage[partitionId=" + this.partitionId + ", offset=" + this.offset + ", headers=" + this.headers
				+ ", payload=" + this.payload.length + " bytes]";
	}

	static StoredMessage fromFrame(long partitionId, byte[] frame) {
		byte[] idBytes = new byte[16];
		for (int i = 0; i < 16; i++) {
			idBytes[i] = frame[8 + 15 - i];
		}
		int headersLength = (int) WireWriter.getU32(frame, 48);
		int payloadLength = (int) WireWriter.getU32(frame, 52);
		byte[] payload = Arrays.copyOfRange(frame, PartitionLog.HEADER_SIZE, PartitionLog.HEADER_SIZE + payloadLength);
		Map<String, String> headers = new LinkedHashMap<>();
		int p = PartitionLog.HEADER_SIZE + payloadLength;
		int end = p + headersLength;
		while (p + 10 <= end) {
			int keyKind = frame[p] & 0xFF;
			long keyLength = WireWriter.getU32(frame, p + 1);
			if (p + 10 + keyLength > end) {
				break;
			}
			String key = new String(frame, p + 5, (int) keyLength, StandardCharsets.UTF_8);
			p += 5 + (int) keyLength;
			int valueKind = frame[p] & 0xFF;
			long valueLength = WireWriter.getU32(frame, p + 1);
			if (p + 5 + valueLength > end) {
				break;
			}
			String value = new String(frame, p + 5, (int) valueLength, StandardCharsets.UTF_8);
			p += 5 + (int) valueLength;
			if (keyKind == STRING_KIND && valueKind == STRING_KIND) {
				headers.put(key, value);
			}
		}
		return new StoredMessage(partitionId, WireWriter.getU64(frame, 24), new BigInteger(1, idBytes),
				WireWriter.getU64(frame, 32), WireWriter.getU64(frame, 40), Collections.unmodifiableMap(headers),
				payload);
	}

}
