package io.fetchbox.observability.iggy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.client.async.tcp.AsyncIggyTcpClientBuilder;
import org.apache.iggy.exception.IggyNotConnectedException;
import org.apache.iggy.exception.IggyResourceNotFoundException;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.iggy.IggyConnectionState.Status;

/**
 * Owns an Iggy SDK {@link AsyncIggyTcpClient} and keeps it usable.
 * <ul>
 * <li>Every {@link #call call} is bounded by the request timeout: SDK 0.8.0 has none and
 * hangs on a stalled or half-closed connection.</li>
 * <li>On a timeout or a connection failure the SDK client is discarded (closed on another
 * thread, as closing blocks for about two seconds) and a new one is connected with capped
 * exponential backoff and jitter.</li>
 * <li>Connecting never blocks the caller and never fails the application: while the
 * broker is unreachable the state is {@link Status#DOWN} and calls fail fast with
 * {@link IggyUnavailableException}.</li>
 * </ul>
 * Group consumers and tailers get their own connection through {@link #dedicated}.
 * Completion stages of {@link #call} may run on Netty or timer threads: never block in
 * them.
 *
 * @since 0.1.0
 */
public class SupervisedIggyClient implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SupervisedIggyClient.class);

	/** Prefix of every thread this client starts; the job log appender ignores them. */
	public static final String THREAD_PREFIX = "fetchbox-iggy-";

	private static final AtomicInteger instances = new AtomicInteger();

	private final String name;

	private final IggyClientSettings settings;

	private final @Nullable IggyTopology topology;

	private final List<IggyConnectionInitializer> initializers;

	private final List<IggyClientListener> listeners = new CopyOnWriteArrayList<>();

	private final IggyOutageLog outages;

	private final ScheduledExecutorService scheduler;

	private final ExecutorService closer;

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean reprovisioning = new AtomicBoolean();

	// Dedicated clients derived before this one started; guarded by itself.
	private final List<SupervisedIggyClient> startWithThis = new ArrayList<>();

	private volatile boolean closed;

	private volatile @Nullable AsyncIggyTcpClient current;

	private volatile IggyConnectionState state = new IggyConnectionState(Status.CONNECTING, Instant.now(), null);

	private volatile CompletableFuture<Void> up = new CompletableFuture<>();

	// Touched only on the scheduler thread.
	private int attempt;

	/**
	 * Create a client that provisions nothing. Call {@link #start()} to connect.
	 * @param name short name used in thread names and messages (e.g. {@code main})
	 * @param settings connection settings
	 */
	public SupervisedIggyClient(String name, IggyClientSettings settings) {
		this(name, settings, null, List.of());
	}

	/**
	 * Create a client. Call {@link #start()} to connect.
	 * @param name short name used in thread names and messages (e.g. {@code main})
	 * @param settings connection settings
	 * @param topology topology to provision on every connection, or {@code null}
	 * @param initializers work to do on every fresh connection
	 */
	public SupervisedIggyClient(String name, IggyClientSettings settings, @Nullable IggyTopology topology,
			List<IggyConnectionInitializer> initializers) {
		this(name, settings, topology, initializers,
				new IggyOutageLog(settings.address(), settings.outageReminderInterval()));
	}

	private SupervisedIggyClient(String name, IggyClientSettings settings, @Nullable IggyTopology topology,
			List<IggyConnectionInitializer> initializers, IggyOutageLog outages) {
		this.name = name;
		this.outages = outages;
		this.settings = settings;
		this.topology = topology;
		this.initializers = List.copyOf(initializers);
		String prefix = THREAD_PREFIX + name + "-" + instances.incrementAndGet();
		this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon(prefix + "-supervisor"));
		this.closer = Executors.newSingleThreadExecutor(daemon(prefix + "-closer"));
	}

	/**
	 * Start connecting in the background; the {@link #dedicated dedicated} clients
	 * derived before start once this one is up. Returns at once; idempotent. Until then
	 * the state is {@link Status#CONNECTING} and no Iggy SDK class is loaded.
	 * @return this client
	 */
	public SupervisedIggyClient start() {
		if (this.started.compareAndSet(false, true)) {
			execute(this::connect);
			List<SupervisedIggyClient> waiting;
			synchronized (this.startWithThis) {
				waiting = new ArrayList<>(this.startWithThis);
				this.startWithThis.clear();
			}
			waiting.forEach(this::startWhenUp);
		}
		return this;
	}

	/**
	 * Whether {@link #start()} was called.
	 * @return whether started
	 */
	public boolean isStarted() {
		return this.started.get();
	}

	/**
	 * A new client with the same settings and a single pooled connection, for a consumer
	 * group member or a tailer (group membership is per connection). It starts connecting
	 * once this client is {@link #whenUp() up} (its topology provisioned, so the topics a
	 * group or tailer needs exist), at once if it already is. The caller owns and closes
	 * it.
	 * @param purpose short name, e.g. {@code workers}
	 * @param initializers work to do on every fresh connection (e.g. join the group)
	 * @return the dedicated client
	 */
	public SupervisedIggyClient dedicated(String purpose, IggyConnectionInitializer... initializers) {
		IggyClientSettings single = this.settings.toBuilder().connectionPoolSize(1).build();
		// One outage log for all: an outage reads as one story, not one per connection.
		SupervisedIggyClient client = new SupervisedIggyClient(purpose, single, null, List.of(initializers),
				this.outages);
		synchronized (this.startWithThis) {
			if (!this.started.get()) {
				this.startWithThis.add(client);
				return client;
			}
		}
		startWhenUp(client);
		return client;
	}

	// Started earlier, a dedicated client would fail its initializers (e.g. joining a
	// group) until this one has created the topics, and log a false outage.
	private void startWhenUp(SupervisedIggyClient dedicated) {
		this.up.thenRun(dedicated::start);
	}

	/**
	 * Run an SDK call, bounded by the request timeout. When the client is not connected
	 * the call is not attempted and the future fails with
	 * {@link IggyUnavailableException}. A timeout fails it with
	 * {@link IggyCallTimeoutException}; a timeout or connection failure also discards the
	 * SDK client and starts reconnecting. Server errors (e.g.
	 * {@code IggyConflictException}) are passed through unchanged.
	 * @param <T> the result type
	 * @param operation short name of the operation, for messages and listeners
	 * @param call the SDK call
	 * @return the bounded result
	 */
	public <T> CompletableFuture<T> call(String operation, Function<AsyncIggyTcpClient, CompletableFuture<T>> call) {
		AsyncIggyTcpClient sdk = this.current;
		if (sdk == null || this.closed) {
			IggyConnectionState snapshot = this.state;
			return CompletableFuture
				.failedFuture(new IggyUnavailableException("Iggy at " + this.settings.address() + " is "
						+ snapshot.status() + ((snapshot.lastError() != null) ? " (" + snapshot.lastError() + ")" : "")
						+ "; '" + operation + "' not attempted"));
		}
		CompletableFuture<T> attempt;
		try {
			attempt = call.apply(sdk);
		}
		catch (RuntimeException ex) {
			attempt = CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<T> result = new CompletableFuture<>();
		attempt.orTimeout(this.settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((value, failure) -> {
				if (failure == null) {
					result.complete(value);
					return;
				}
				Throwable cause = IggyFailures.unwrap(failure);
				if (cause instanceof TimeoutException && !(cause instanceof IggyCallTimeoutException)) {
					cause = new IggyCallTimeoutException(operation, this.settings.requestTimeout());
				}
				if (IggyFailures.isConnectionFailure(cause)) {
					discard(sdk, operation, cause);
				}
				else if (cause instanceof IggyResourceNotFoundException) {
					reprovision(sdk);
				}
				result.completeExceptionally(cause);
			});
		return result;
	}

	/**
	 * Current connection state.
	 * @return the state
	 */
	public IggyConnectionState state() {
		return this.state;
	}

	/**
	 * Completes when the client is (or becomes) {@link Status#UP}. Combine with your own
	 * timeout.
	 * @return a future completing when connected
	 */
	public CompletableFuture<Void> whenUp() {
		return this.up.copy();
	}

	/**
	 * Settings of this client (secrets redacted in their {@code toString}).
	 * @return the settings
	 */
	public IggyClientSettings settings() {
		return this.settings;
	}

	/**
	 * The topology this client provisions, if any.
	 * @return the topology or {@code null}
	 */
	public @Nullable IggyTopology topology() {
		return this.topology;
	}

	/**
	 * Register a listener.
	 * @param listener the listener
	 */
	public void addListener(IggyClientListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Remove a listener.
	 * @param listener the listener
	 */
	public void removeListener(IggyClientListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Stop reconnecting and close the SDK client in the background. Returns at once.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.scheduler.shutdownNow();
		AsyncIggyTcpClient sdk = this.current;
		this.current = null;
		transition(Status.DOWN, "client closed");
		this.outages.closed(this);
		if (sdk != null) {
			closeQuietly(sdk);
		}
		this.closer.shutdown();
	}

	@Override
	public String toString() {
		return "SupervisedIggyClient[" + this.name + ", " + this.settings.address() + ", " + this.state.status() + "]";
	}

	private void connect() {
		if (this.closed) {
			return;
		}
		AsyncIggyTcpClient sdk;
		CompletableFuture<?> connecting;
		try {
			sdk = newSdkClient();
			connecting = sdk.connect()
				.orTimeout(this.settings.connectTimeout().toMillis() + 500, TimeUnit.MILLISECONDS)
				.thenCompose((ignored) -> bounded(login(sdk)))
				.thenCompose((ignored) -> bounded(
						authenticated(sdk, System.nanoTime() + this.settings.requestTimeout().toNanos())))
				.thenCompose((ignored) -> (this.topology != null)
						? this.topology.provision(sdk, this.settings.requestTimeout())
						: CompletableFuture.completedFuture(null))
				.thenCompose((ignored) -> initialize(sdk));
		}
		catch (RuntimeException ex) {
			connectFailed(null, ex);
			return;
		}
		connecting.whenComplete((ignored, failure) -> execute(() -> {
			if (failure == null) {
				connected(sdk);
			}
			else {
				connectFailed(sdk, failure);
			}
		}));
	}

	private AsyncIggyTcpClient newSdkClient() {
		AsyncIggyTcpClientBuilder builder = AsyncIggyTcpClient.builder()
			.host(this.settings.host())
			.port(this.settings.port())
			.connectionTimeout(this.settings.connectTimeout())
			.acquireTimeout(this.settings.requestTimeout());
		if (!this.settings.usesPersonalAccessToken()) {
			builder.credentials(this.settings.username(), this.settings.password());
		}
		if (this.settings.connectionPoolSize() != null) {
			builder.connectionPoolSize(this.settings.connectionPoolSize());
		}
		return builder.build();
	}

	private CompletableFuture<?> login(AsyncIggyTcpClient sdk) {
		String token = this.settings.personalAccessToken();
		return (token != null && !token.isBlank()) ? sdk.personalAccessTokens().loginWithPersonalAccessToken(token)
				: sdk.login();
	}

	/**
	 * SDK 0.8.0 completes the login before a later callback on its I/O thread marks the
	 * client authenticated, so a call made at once can fail in the client with "Not
	 * authenticated, call login first". Repeat a cheap authenticated call until it goes
	 * through, up to the deadline.
	 */
	private CompletableFuture<Object> authenticated(AsyncIggyTcpClient sdk, long deadline) {
		return sdk.system().getMe().<CompletableFuture<Object>>handle((me, error) -> {
			if (error == null) {
				return CompletableFuture.completedFuture(me);
			}
			Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause()
					: error;
			if (cause instanceof IggyNotConnectedException && System.nanoTime() - deadline < 0) {
				return CompletableFuture.runAsync(() -> {
				}, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS))
					.thenCompose((ignored) -> authenticated(sdk, deadline));
			}
			return CompletableFuture.failedFuture(cause);
		}).thenCompose(Function.identity());
	}

	private CompletableFuture<?> initialize(AsyncIggyTcpClient sdk) {
		CompletableFuture<?> result = CompletableFuture.completedFuture(null);
		for (IggyConnectionInitializer initializer : this.initializers) {
			result = result.thenCompose((ignored) -> bounded(initializer.initialize(sdk)));
		}
		return result;
	}

	private <T> CompletableFuture<T> bounded(CompletableFuture<T> future) {
		return future.orTimeout(this.settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	private void connected(AsyncIggyTcpClient sdk) {
		if (this.closed) {
			closeQuietly(sdk);
			return;
		}
		this.current = sdk;
		boolean reconnect = this.attempt > 0 || this.state.status() == Status.DOWN;
		this.attempt = 0;
		transition(Status.UP, null);
		this.up.complete(null);
		if (reconnect) {
			this.outages.connected(this);
		}
		else if (logger.isInfoEnabled()) {
			logger.info("Iggy client '" + this.name + "' connected to " + this.settings.address());
		}
	}

	private void connectFailed(@Nullable AsyncIggyTcpClient sdk, Throwable failure) {
		if (sdk != null) {
			closeQuietly(sdk);
		}
		if (this.closed) {
			return;
		}
		String description = IggyFailures.describe(failure);
		this.outages.failed(this, this.name, "cannot connect: " + description);
		transition(Status.DOWN, description);
		scheduleReconnect();
	}

	private void discard(AsyncIggyTcpClient sdk, String operation, Throwable failure) {
		execute(() -> {
			if (this.current != sdk) {
				return; // already replaced: many in-flight calls fail together
			}
			this.current = null;
			String description = IggyFailures.describe(failure);
			this.outages.failed(this, this.name, "connection lost during '" + operation + "': " + description);
			transition(Status.DOWN, description);
			notifyListeners((listener) -> listener.clientDiscarded(operation, description));
			closeQuietly(sdk);
			scheduleReconnect();
		});
	}

	private void reprovision(AsyncIggyTcpClient sdk) {
		IggyTopology topology = this.topology;
		if (topology == null || !this.reprovisioning.compareAndSet(false, true)) {
			return;
		}
		// The broker lost its metadata (e.g. an in-memory broker restarted): create it
		// again.
		execute(() -> topology.provision(sdk, this.settings.requestTimeout())
			.whenComplete((ignored, failure) -> this.reprovisioning.set(false)));
	}

	private void scheduleReconnect() {
		if (this.closed) {
			return;
		}
		this.attempt++;
		Duration delay = this.settings.backoff().delay(this.attempt);
		int number = this.attempt;
		notifyListeners((listener) -> listener.reconnectScheduled(number, delay));
		try {
			this.scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed concurrently
		}
	}

	private void transition(Status status, @Nullable String lastError) {
		IggyConnectionState previous = this.state;
		if (previous.status() == status) {
			if (lastError != null) {
				this.state = new IggyConnectionState(status, previous.since(), lastError);
			}
			return;
		}
		IggyConnectionState next = new IggyConnectionState(status, Instant.now(),
				(lastError != null) ? lastError : previous.lastError());
		this.state = next;
		if (status != Status.UP && this.up.isDone()) {
			this.up = new CompletableFuture<>();
		}
		notifyListeners((listener) -> listener.stateChanged(previous, next));
	}

	private void notifyListeners(java.util.function.Consumer<IggyClientListener> action) {
		for (IggyClientListener listener : new ArrayList<>(this.listeners)) {
			try {
				action.accept(listener);
			}
			catch (RuntimeException ex) {
				// a listener must not break supervision
			}
		}
	}

	private void closeQuietly(AsyncIggyTcpClient sdk) {
		Runnable close = () -> {
			try {
				sdk.close().get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// nothing more to do: the client is abandoned
			}
		};
		try {
			this.closer.execute(close);
		}
		catch (RejectedExecutionException ex) {
			Thread thread = new Thread(close, THREAD_PREFIX + this.name + "-close");
			thread.setDaemon(true);
			thread.start();
		}
	}

	private void execute(Runnable task) {
		try {
			this.scheduler.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// closed
		}
	}

	private static ThreadFactory daemon(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
