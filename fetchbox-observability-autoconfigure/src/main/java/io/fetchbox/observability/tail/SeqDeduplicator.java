package io.fetchbox.observability.tail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.fetchbox.observability.messages.JobLog;

/**
 * Drops a {@code JobLog} seen before. The appender numbers each job's records in
 * {@code fields["seq"]}; a batch re-sent after a timeout whose first attempt did land
 * shows up again with the same numbers. The content goes into the key too, so two
 * producers of one job (say, a retried task on another worker) that both count from 1 are
 * not mistaken for duplicates. Records without a {@code seq} are never dropped.
 *
 * @since 0.1.0
 */
public final class SeqDeduplicator {

	/** Field carrying the per-job sequence number. */
	public static final String SEQ_FIELD = "seq";

	private final Map<Key, Boolean> seen;

	/**
	 * Create a de-duplicator remembering the most recent {@code capacity} records.
	 * @param capacity how many records to remember
	 */
	public SeqDeduplicator(int capacity) {
		this.seen = new LinkedHashMap<>(64, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * Whether {@code log} is the first occurrence of its record.
	 * @param log the record
	 * @return {@code false} for a duplicate
	 */
	public boolean firstTime(JobLog log) {
		String seq = log.getFieldsOrDefault(SEQ_FIELD, "");
		if (seq.isEmpty()) {
			return true;
		}
		Key key = new Key(seq, log.getTimestampMs(), log.getLevelValue(),
				Objects.hash(log.getMessage(), log.getResourceId()));
		return this.seen.put(key, Boolean.TRUE) == null;
	}

	private record Key(String seq, long timestampMs, int level, int contentHash) {
	}

}
