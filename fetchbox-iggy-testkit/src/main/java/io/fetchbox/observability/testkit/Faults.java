package io.fetchbox.observability.testkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The fault-injection switches shared by all connections: pause, per-command failures and
 * latency.
 */
final class Faults {

	private boolean paused;

	private final Map<Integer, Deque<Integer>> failures = new HashMap<>();

	private volatile Duration latency = Duration.ZERO;

	synchronized void pause() {
		this.paused = true;
	}

	synchronized void resume() {
		this.paused = false;
		notifyAll();
	}

	synchronized boolean paused() {
		return this.paused;
	}

	/** Wakes paused connections so that closed ones can exit. */
	synchronized void wakeUp() {
		notifyAll();
	}

	/**
	 * Blocks while paused.
	 * @param connection the waiting connection, released early once it is closed
	 * @return whether to go on answering (false: the connection was closed meanwhile)
	 * @throws InterruptedException when interrupted
	 */
	synchronized boolean awaitRunning(TcpServer.Connection connection) throws InterruptedException {
		while (this.paused && !connection.closed()) {
			wait();
		}
		return !connection.closed();
	}

	synchronized void failNext(int command, int times, int errorCode) {
		Deque<Integer> queue = this.failures.computeIfAbsent(command, (c) -> new ArrayDeque<>());
		for (int i = 0; i < times; i++) {
			queue.addLast(errorCode);
		}
	}

	/** The error code to send instead of executing the command, or 0. */
	synchronized int takeFailure(int command) {
		Deque<Integer> queue = this.failures.get(command);
		Integer code = (queue != null) ? queue.pollFirst() : null;
		return (code != null) ? code : 0;
	}

	void latency(Duration latency) {
		this.latency = latency;
	}

	Duration latency() {
		return this.latency;
	}

	synchronized void clear() {
		this.failures.clear();
		this.latency = Duration.ZERO;
		this.paused = false;
		notifyAll();
	}

}
