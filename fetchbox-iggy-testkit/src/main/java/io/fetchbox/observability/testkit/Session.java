package io.fetchbox.observability.testkit;

/**
 * One TCP connection's server-side session: its client id, address and login state.
 * Authentication and consumer-group membership belong to the session, as on the real
 * server.
 */
final class Session {

	static final long NO_USER = 0xFFFFFFFFL;

	private final long clientId;

	private final String address;

	private volatile long userId = NO_USER;

	/** False once the user was deleted: the server drops the client from its list. */
	private volatile boolean listed = true;

	Session(long clientId, String address) {
		this.clientId = clientId;
		this.address = address;
	}

	long clientId() {
		return this.clientId;
	}

	String address() {
		return this.address;
	}

	long userId() {
		return this.userId;
	}

	boolean authenticated() {
		return this.userId != NO_USER;
	}

	void login(long userId) {
		this.userId = userId;
		this.listed = true;
	}

	boolean listed() {
		return this.listed;
	}

	void unlist() {
		this.listed = false;
	}

	void logout() {
		this.userId = NO_USER;
	}

}
