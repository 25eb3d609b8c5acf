package io.fetchbox.observability.iggy;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The log lines of a broker outage, shared by a {@link SupervisedIggyClient} and its
 * dedicated clients so that one outage reads as one story however many connections it
 * breaks: a WARN when the first client loses the broker, a WARN reminder with the number
 * of failed attempts at most once per reminder interval while any client is still
 * disconnected, and an INFO when the last one is back. Individual attempts are logged at
 * DEBUG only.
 *
 * @since 0.1.0
 */
public final class IggyOutageLog {

	// The lines belong to the clients: same logger name as theirs.
	private static final Log logger = LogFactory.getLog(SupervisedIggyClient.class);

	private final String address;

	private final long reminderNanos;

	private final LongSupplier nanoTime;

	// The clients disconnected now (several may share a name), with their names.
	private final Map<Object, String> down = new IdentityHashMap<>();

	private long startedAt;

	private long lastReportAt;

	private long failedAttempts;

	/**
	 * Create the outage log of one broker address.
	 * @param address the broker address, as shown in the lines
	 * @param reminderInterval shortest time between two lines of the same outage
	 */
	public IggyOutageLog(String address, Duration reminderInterval) {
		this(address, reminderInterval, System::nanoTime);
	}

	IggyOutageLog(String address, Duration reminderInterval, LongSupplier nanoTime) {
		this.address = address;
		this.reminderNanos = reminderInterval.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * A client lost its connection or could not open one.
	 * @param client the client
	 * @param name the client's name, as shown in the lines
	 * @param error what went wrong
	 */
	public synchronized void failed(Object client, String name, String error) {
		long now = this.nanoTime.getAsLong();
		boolean starts = this.down.isEmpty();
		boolean newlyDown = this.down.put(client, name) == null;
		if (!newlyDown) {
			this.failedAttempts++;
		}
		if (starts) {
			this.startedAt = now;
			this.lastReportAt = now;
			this.failedAttempts = 0;
			if (logger.isWarnEnabled()) {
				logger.warn("Iggy at " + this.address + " is unreachable (client '" + name + "': " + error
						+ "); reconnecting in the background, a reminder follows every "
						+ describe(Duration.ofNanos(this.reminderNanos)) + " while it lasts");
			}
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Iggy client '" + name + "' still cannot reach " + this.address + ": " + error);
		}
		if (now - this.lastReportAt >= this.reminderNanos) {
			this.lastReportAt = now;
			if (logger.isWarnEnabled()) {
				logger.warn("Iggy at " + this.address + " still unreachable after "
						+ describe(Duration.ofNanos(now - this.startedAt)) + " and " + this.failedAttempts
						+ " failed reconnect attempts (clients: " + String.join(", ", new TreeSet<>(this.down.values()))
						+ "); last error: " + error);
			}
		}
	}

	/**
	 * A client is connected (again).
	 * @param client the client
	 */
	public synchronized void connected(Object client) {
		if (this.down.remove(client) == null || !this.down.isEmpty()) {
			return;
		}
		Duration outage = Duration.ofNanos(this.nanoTime.getAsLong() - this.startedAt);
		if (logger.isInfoEnabled()) {
			logger.info("Iggy at " + this.address + " is reachable again after " + describe(outage) + " ("
					+ this.failedAttempts + " failed reconnect attempts)");
		}
	}

	/**
	 * A client was closed: it no longer takes part in the outage.
	 * @param client the client
	 */
	public synchronized void closed(Object client) {
		this.down.remove(client);
	}

	/**
	 * Whether any client is disconnected now.
	 * @return whether an outage is going on
	 */
	public synchronized boolean inOutage() {
		return !this.down.isEmpty();
	}

	static String describe(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 1) {
			return duration.toMillis() + "ms";
		}
		if (seconds < 60) {
			return seconds + "s";
		}
		return (seconds / 60) + "m" + ((seconds % 60 != 0) ? " " + (seconds % 60) + "s" : "");
	}

}
