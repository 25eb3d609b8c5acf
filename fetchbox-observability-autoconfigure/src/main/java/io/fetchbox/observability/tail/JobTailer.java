package io.fetchbox.observability.tail;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Tails one job's messages: looks up the job's partition the way the server assigns it,
 * polls it from the start point, passes on only the job's messages (by the {@code job_id}
 * header, without decoding the others) and, when following, polls again with a growing
 * back-off while idle.
 * <p>
 * Sessions are driven by callbacks: between polls a session holds no thread, and all
 * sessions share one small worker pool whose threads time out when idle. A session owns
 * no broker client either; the {@link TopicReader} is shared.
 *
 * @since 0.1.0
 */
public final class JobTailer implements AutoCloseable {

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final TopicReader reader;

	private final TailSettings settings;

	private final ThreadPoolExecutor workers;

	private final Set<JobTailSession> sessions = ConcurrentHashMap.newKeySet();

	private final @Nullable AutoCloseable owned;

	/**
	 * Create a tailer.
	 * @param reader reads the broker
	 * @param settings tuning
	 */
	public JobTailer(TopicReader reader, TailSettings settings) {
		this(reader, settings, null);
	}

	/**
	 * Create a tailer that owns a resource (typically the reader's client) and closes it
	 * on {@link #close()}.
	 * @param reader reads the broker
	 * @param settings tuning
	 * @param owned closed with this tailer, or {@code null}
	 */
	public JobTailer(TopicReader reader, TailSettings settings, @Nullable AutoCloseable owned) {
		this.owned = owned;
		this.reader = reader;
		this.settings = settings;
		int pool = POOLS.incrementAndGet();
		AtomicInteger threads = new AtomicInteger();
		this.workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 1, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (runnable) -> {
					Thread thread = new Thread(runnable, "fetchbox-job-tail-" + pool + "-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.workers.allowCoreThreadTimeOut(true);
	}

	/**
	 * Start tailing.
	 * @param request what to read
	 * @param listener receives the messages
	 * @return the running session
	 */
	public TailSession tail(TailRequest request, TailListener listener) {
		JobTailSession session = new JobTailSession(this.reader, this.settings, this.workers, this.sessions, request,
				listener);
		this.sessions.add(session);
		this.workers.execute(session::begin);
		return session;
	}

	/**
	 * Number of sessions that have not ended yet.
	 * @return the count
	 */
	public int activeSessions() {
		return this.sessions.size();
	}

	/**
	 * Stop every session and the worker pool.
	 */
	@Override
	public void close() {
		this.sessions.forEach(JobTailSession::stop);
		this.workers.shutdown();
		if (this.owned != null) {
			try {
				this.owned.close();
			}
			catch (Exception ex) {
				// Closing is best effort; nothing is left to read from it.
			}
		}
	}

}
