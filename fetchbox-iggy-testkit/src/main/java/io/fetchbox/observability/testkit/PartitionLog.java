package io.fetchbox.observability.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * One partition's messages: a ring of stored frames bounded by a maximum message count
 * and byte size (the oldest are evicted). Offsets keep counting across evictions. The log
 * is cut into segments the way the server cuts its files: a segment is sealed once it
 * holds {@code segmentSize} bytes, and only sealed segments other than the last can be
 * deleted (DELETE_SEGMENTS). Not thread-safe: the broker guards it.
 */
final class PartitionLog {

	static final int HEADER_SIZE = 64;

	private final int id;

	private final long createdAt;

	private final long uid;

	private final int maxMessages;

	private final long maxBytes;

	private final long segmentSize;

	/** Segments in offset order, each {start offset, bytes written, sealed (0/1)}. */
	private final List<long[]> segments = new ArrayList<>();

	private byte[][] frames;

	private long[] timestamps;

	private int head;

	private int size;

	private long nextOffset;

	private long sizeBytes;

	PartitionLog(int id, long createdAt, long uid, int maxMessages, long maxBytes, long segmentSize) {
		this.id = id;
		this.createdAt = createdAt;
		this.uid = uid;
		this.maxMessages = Math.max(1, maxMessages);
		this.maxBytes = maxBytes;
		this.segmentSize = segmentSize;
		int capacity = Math.min(16, this.maxMessages);
		this.frames = new byte[capacity][];
		this.timestamps = new long[capacity];
	}

	int id() {
		return this.id;
	}

	long uid() {
		return this.uid;
	}

	long createdAt() {
		return this.createdAt;
	}

	/** Whether the partition never held a message. */
	boolean neverWritten() {
		return this.nextOffset == 0;
	}

	/** Offset of the last message; 0 when empty. */
	long currentOffset() {
		return (this.nextOffset == 0) ? 0 : this.nextOffset - 1;
	}

	long nextOffset() {
		return this.nextOffset;
	}

	/** Offset of the oldest retained message. */
	long firstOffset() {
		return this.nextOffset - this.size;
	}

	int retained() {
		return this.size;
	}

	long sizeBytes() {
		return this.sizeBytes;
	}

	/**
	 * Appends a frame whose offset and timestamp fields are already filled in.
	 * @param frame the stored frame
	 * @param timestamp its timestamp (µs)
	 */
	void append(byte[] frame, long timestamp) {
		while (this.size > 0 && (this.size == this.maxMessages || this.sizeBytes + frame.length > this.maxBytes)) {
			evictOldest();
		}
		if (this.segments.isEmpty() || this.segments.get(this.segments.size() - 1)[2] == 1) {
			this.segments.add(new long[] { this.nextOffset, 0, 0 });
		}
		long[] active = this.segments.get(this.segments.size() - 1);
		active[1] += frame.length;
		if (active[1] >= this.segmentSize) {
			active[2] = 1;
		}
		if (this.size == this.frames.length) {
			grow();
		}
		int slot = (this.head + this.size) % this.frames.length;
		this.frames[slot] = frame;
		this.timestamps[slot] = timestamp;
		this.size++;
		this.nextOffset++;
		this.sizeBytes += frame.length;
	}

	private void evictOldest() {
		this.sizeBytes -= this.frames[this.head].length;
		this.frames[this.head] = null;
		this.head = (this.head + 1) % this.frames.length;
		this.size--;
		// a segment whose messages are all gone is gone too
		while (this.segments.size() > 1 && this.segments.get(1)[0] <= firstOffset()) {
			this.segments.remove(0);
		}
	}

	/** Segments holding messages (0 for a partition never written). */
	int segmentsCount() {
		return this.segments.size();
	}

	/**
	 * Deletes up to {@code count} of the oldest sealed segments, never the last one and
	 * never one ending beyond {@code barrier} (the lowest committed consumer offset, -1
	 * for none), as the server's DELETE_SEGMENTS does.
	 * @param count the most segments to delete
	 * @param barrier the lowest stored offset of any consumer or group, or -1
	 * @return the number of segments deleted
	 */
	int deleteOldestSegments(long count, long barrier) {
		int deleted = 0;
		while (deleted < count && this.segments.size() > 1 && this.segments.get(0)[2] == 1) {
			long nextStart = this.segments.get(1)[0];
			if (barrier >= 0 && nextStart - 1 > barrier) {
				break;
			}
			// evicting its last message drops the segment
			while (this.size > 0 && firstOffset() < nextStart) {
				evictOldest();
			}
			deleted++;
		}
		return deleted;
	}

	/** Drops retained frames below {@code offset} (used when loading persisted data). */
	void dropBefore(long offset) {
		while (this.size > 0 && firstOffset() < offset) {
			evictOldest();
		}
	}

	/** Sets the next offset before any append (used when loading persisted data). */
	void startAt(long offset) {
		this.nextOffset = offset;
	}

	private void grow() {
		int capacity = (int) Math.min((long) this.frames.length * 2, this.maxMessages);
		byte[][] newFrames = new byte[capacity][];
		long[] newTimestamps = new long[capacity];
		for (int i = 0; i < this.size; i++) {
			int slot = (this.head + i) % this.frames.length;
			newFrames[i] = this.frames[slot];
			newTimestamps[i] = this.timestamps[slot];
		}
		this.frames = newFrames;
		this.timestamps = newTimestamps;
		this.head = 0;
	}

	private int slot(long offset) {
		return (int) ((this.head + (offset - firstOffset())) % this.frames.length);
	}

	byte[] frameAt(long offset) {
		return this.frames[slot(offset)];
	}

	long timestampAt(long offset) {
		return this.timestamps[slot(offset)];
	}

	/**
	 * Retained frames from {@code start} (clamped to the oldest), at most {@code count}.
	 */
	List<byte[]> read(long start, long count) {
		List<byte[]> out = new ArrayList<>();
		long from = Math.max(start, firstOffset());
		long to = Math.min(this.nextOffset, from + count);
		for (long o = from; o < to; o++) {
			out.add(frameAt(o));
		}
		return out;
	}

	/** Offset of the first retained message with timestamp ≥ t, or -1. */
	long offsetForTimestamp(long t) {
		long lo = firstOffset();
		long hi = this.nextOffset;
		while (lo < hi) {
			long mid = (lo + hi) >>> 1;
			if (Long.compareUnsigned(timestampAt(mid), t) < 0) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return (lo < this.nextOffset) ? lo : -1;
	}

	/** Timestamp of the last message, or 0. */
	long lastTimestamp() {
		return (this.size == 0) ? 0 : timestampAt(this.nextOffset - 1);
	}

}
