package io.fetchbox.observability.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time used by this JVM's threads over one iteration, grouped by role, to tell the
 * application thread's own cost from the work of the threads that ship its logs (sender,
 * Netty, logstash's and Logback's workers) and of the receiving end (the in-process Iggy
 * broker or the discarding TCP sink), which a real deployment runs elsewhere.
 */
final class ThreadCpu {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final long appThread = Thread.currentThread().getId();

	private Map<Long, Long> start = snapshot();

	/** Start counting again. */
	void restart() {
		this.start = snapshot();
	}

	/**
	 * CPU nanoseconds per call since the last {@link #restart}, by role.
	 * @param calls calls made in that time
	 * @return a printable line
	 */
	String perCall(long calls) {
		long app = 0;
		long shipping = 0;
		long receiver = 0;
		long other = 0;
		Map<Long, Long> end = snapshot();
		long[] ids = end.keySet().stream().mapToLong(Long::longValue).toArray();
		for (ThreadInfo info : THREADS.getThreadInfo(ids)) {
			if (info == null) {
				continue;
			}
			long used = end.get(info.getThreadId()) - this.start.getOrDefault(info.getThreadId(), 0L);
			String name = info.getThreadName();
			if (info.getThreadId() == this.appThread) {
				app += used;
			}
			else if (name.startsWith("iggy-testkit") || name.startsWith("tcp-sink")) {
				receiver += used;
			}
			else if (name.startsWith("fetchbox-") || name.startsWith("multiThreadIoEventLoopGroup")
					|| name.startsWith("logback-appender") || name.startsWith("AsyncAppender")) {
				shipping += used;
			}
			else {
				other += used;
			}
		}
		long divisor = Math.max(1, calls);
		return "cpu-ns/call app=" + app / divisor + " shipping=" + shipping / divisor + " receiver="
				+ receiver / divisor + " other=" + other / divisor;
	}

	private static Map<Long, Long> snapshot() {
		Map<Long, Long> cpu = new HashMap<>();
		for (long id : THREADS.getAllThreadIds()) {
			long used = THREADS.getThreadCpuTime(id);
			if (used >= 0) {
				cpu.put(id, used);
			}
		}
		return cpu;
	}

}
