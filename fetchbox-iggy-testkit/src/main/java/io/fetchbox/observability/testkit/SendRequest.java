package io.fetchbox.observability.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoded and validated SEND_MESSAGES (101) request: metadata, index and one copy of
 * each message frame (the broker fills in offset, timestamp and id in place).
 */
record SendRequest(Identifier stream, Identifier topic, int partitioningKind, byte[] partitioningValue,
		List<byte[]> frames) {

	private static final int MAX_PAYLOAD = 64_000_000;

	private static final int MAX_USER_HEADERS = 100_000;

	static SendRequest parse(WireReader in) {
		in.u32(); // metadata_length: the server re-derives the layout from the fields
		Identifier stream = in.identifier();
		Identifier topic = in.identifier();
		int kind = in.u8();
		int length = in.u8();
		switch (kind) {
			case 1 -> {
				if (length != 0) {
					throw new IggyErrorException(IggyErrors.INVALID_FORMAT);
				}
			}
			case 2 -> {
				if (length != 4) {
					throw new IggyErrorException(IggyErrors.INVALID_FORMAT);
				}
			}
			case 3 -> {
				if (length == 0) {
					throw new IggyErrorException(IggyErrors.INVALID_FORMAT);
				}
			}
			default -> throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
		}
		byte[] value = in.bytes(length);
		long count = in.u32();
		if (count == 0) {
			throw new IggyErrorException(IggyErrors.INVALID_MESSAGES_COUNT);
		}
		if (count > in.remaining() / 16) {
			throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
		}
		long[] ends = new long[(int) count];
		long previous = 0;
		for (int i = 0; i < count; i++) {
			long offset = in.u32();
			long position = in.u32();
			long timestamp = in.u64();
			if (offset != 0) {
				throw new IggyErrorException(IggyErrors.NON_ZERO_OFFSET);
			}
			if (timestamp != 0) {
				throw new IggyErrorException(IggyErrors.NON_ZERO_TIMESTAMP);
			}
			if (position < previous) {
				throw new IggyErrorException(IggyErrors.INVALID_MESSAGES_SIZE);
			}
			ends[i] = position;
			previous = position;
		}
		int sectionLength = in.remaining();
		if (ends[ends.length - 1] != sectionLength) {
			throw new IggyErrorException(IggyErrors.INVALID_MESSAGES_SIZE);
		}
		List<byte[]> frames = new ArrayList<>((int) count);
		long start = 0;
		for (long end : ends) {
			int size = (int) (end - start);
			if (size < PartitionLog.HEADER_SIZE) {
				throw new IggyErrorException(IggyErrors.MISSING_INDEX);
			}
			byte[] frame = in.bytes(size);
			long headersLength = WireWriter.getU32(frame, 48);
			long payloadLength = WireWriter.getU32(frame, 52);
			if (payloadLength > MAX_PAYLOAD) {
				throw new IggyErrorException(IggyErrors.TOO_BIG_MESSAGE_PAYLOAD);
			}
			if (headersLength > MAX_USER_HEADERS) {
				throw new IggyErrorException(IggyErrors.TOO_BIG_USER_HEADERS);
			}
			if (PartitionLog.HEADER_SIZE + payloadLength + headersLength != size) {
				throw new IggyErrorException(IggyErrors.INVALID_MESSAGES_SIZE);
			}
			frames.add(frame);
			start = end;
		}
		return new SendRequest(stream, topic, kind, value, frames);
	}

}
