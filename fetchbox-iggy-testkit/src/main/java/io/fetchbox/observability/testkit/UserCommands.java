package io.fetchbox.observability.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The users and tokens family: GET/CREATE/DELETE/UPDATE user, UPDATE_PERMISSIONS,
 * CHANGE_PASSWORD, LOGIN, LOGOUT and the personal access tokens (per user, as on the
 * server). Error codes and the order of checks follow the server's handlers.
 */
final class UserCommands {

	private final Broker broker;

	UserCommands(Broker broker) {
		this.broker = broker;
	}

	byte[] login(Session session, WireReader in) {
		int userLength = in.u8();
		String user = new String(in.bytes(userLength), StandardCharsets.UTF_8);
		int passwordLength = in.u8();
		String pass = new String(in.bytes(passwordLength), StandardCharsets.UTF_8);
		// version and context follow; the server decodes them and ignores them
		checkUsername(userLength);
		checkPassword(passwordLength);
		UserState found = this.broker.findUser(Identifier.named(user));
		if (found == null) {
			throw new IggyErrorException(IggyErrors.INVALID_CREDENTIALS);
		}
		if (found.status != UserState.ACTIVE) {
			throw new IggyErrorException(IggyErrors.USER_INACTIVE);
		}
		if (!found.password.equals(pass)) {
			throw new IggyErrorException(IggyErrors.INVALID_CREDENTIALS);
		}
		return loggedIn(session, found);
	}

	byte[] loginWithToken(Session session, WireReader in) {
		TokenState token = this.broker.tokens.get(in.name());
		UserState user = (token != null) ? this.broker.users.get(token.userId()) : null;
		if (user == null) {
			throw new IggyErrorException(IggyErrors.RESOURCE_NOT_FOUND);
		}
		if (user.status != UserState.ACTIVE) {
			throw new IggyErrorException(IggyErrors.USER_INACTIVE);
		}
		return loggedIn(session, user);
	}

	private static byte[] loggedIn(Session session, UserState user) {
		session.login(user.id);
		return new WireWriter(4).u32(user.id).toByteArray();
	}

	byte[] logout(Session session, WireReader in) {
		session.logout();
		return new byte[0];
	}

	private static void checkUsername(int length) {
		if (length < 3 || length > 50) {
			throw new IggyErrorException(IggyErrors.INVALID_USERNAME);
		}
	}

	private static void checkPassword(int length) {
		if (length < 3 || length > 100) {
			throw new IggyErrorException(IggyErrors.INVALID_PASSWORD);
		}
	}

	private static int status(int code) {
		if (code != UserState.ACTIVE && code != UserState.INACTIVE) {
			throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
		}
		return code;
	}

	/** {@code u8 flag} then, when 1, {@code u32 length} and the permissions. */
	private static @Nullable Permissions optionalPermissions(WireReader in) {
		if (in.u8() != 1) {
			return null;
		}
		long length = in.u32();
		int start = in.position();
		Permissions permissions = Permissions.read(in);
		if (in.position() - start != length) {
			throw new IggyErrorException(IggyErrors.INVALID_FORMAT);
		}
		return permissions;
	}

	private UserState user(Identifier id) {
		UserState user = this.broker.findUser(id);
		if (user == null) {
			throw new IggyErrorException(IggyErrors.RESOURCE_NOT_FOUND);
		}
		return user;
	}

	private void requireManageUsers(Session session) {
		Permissions.require(this.broker.permissions(session).manageUsers());
	}

	private boolean usernameTaken(String username, int exceptId) {
		UserState existing = this.broker.findUser(Identifier.named(username));
		return existing != null && existing.id != exceptId;
	}

	/** A missing user is an empty success; reading another user needs read_users. */
	byte[] getUser(Session session, WireReader in) {
		UserState user = this.broker.findUser(in.identifier());
		if (user == null) {
			return new byte[0];
		}
		if (user.id != session.userId()) {
			Permissions.require(this.broker.permissions(session).readUsers());
		}
		return user.details();
	}

	byte[] getUsers(Session session, WireReader in) {
		Permissions.require(this.broker.permissions(session).readUsers());
		WireWriter out = new WireWriter();
		for (UserState user : this.broker.users.values()) {
			user.writeInfo(out);
		}
		return out.toByteArray();
	}

	byte[] createUser(Session session, WireReader in) {
		String username = in.name();
		int passwordLength = in.u8();
		String password = new String(in.bytes(passwordLength), StandardCharsets.UTF_8);
		int statusCode = in.u8();
		Permissions permissions = optionalPermissions(in);
		requireManageUsers(session);
		checkUsername(username.getBytes(StandardCharsets.UTF_8).length);
		checkPassword(passwordLength);
		int status = status(statusCode);
		if (usernameTaken(username, -1)) {
			throw new IggyErrorException(IggyErrors.USER_ALREADY_EXISTS);
		}
		UserState user = this.broker.users
			.insert((id) -> new UserState(id, username, password, status, Broker.nowMicros(), permissions));
		this.broker.journal.changed();
		return user.details();
	}

	/**
	 * Deletes a user (never root) and its tokens. Its connections drop out of the client
	 * list but stay logged in with no rights, as on the server.
	 */
	byte[] deleteUser(Session session, WireReader in) {
		Identifier id = in.identifier();
		requireManageUsers(session);
		UserState user = user(id);
		if (user.root()) {
			throw new IggyErrorException(IggyErrors.CANNOT_DELETE_USER);
		}
		this.broker.users.remove(user.id);
		this.broker.tokens.values().removeIf((token) -> token.userId() == user.id);
		for (Session other : this.broker.sessions()) {
			if (other.userId() == user.id) {
				other.unlist();
			}
		}
		this.broker.journal.changed();
		return new byte[0];
	}

	byte[] updateUser(Session session, WireReader in) {
		Identifier id = in.identifier();
		String username = (in.u8() == 1) ? in.name() : null;
		Integer statusCode = (in.u8() == 1) ? in.u8() : null;
		requireManageUsers(session);
		if (username != null) {
			checkUsername(username.getBytes(StandardCharsets.UTF_8).length);
		}
		Integer status = (statusCode != null) ? status(statusCode) : null;
		UserState user = user(id);
		if (username != null && usernameTaken(username, user.id)) {
			throw new IggyErrorException(IggyErrors.USER_ALREADY_EXISTS);
		}
		if (username != null) {
			user.username = username;
		}
		if (status != null) {
			user.status = status;
		}
		this.broker.journal.changed();
		return new byte[0];
	}

	byte[] updatePermissions(Session session, WireReader in) {
		Identifier id = in.identifier();
		Permissions permissions = optionalPermissions(in);
		requireManageUsers(session);
		UserState user = user(id);
		if (user.root()) {
			throw new IggyErrorException(IggyErrors.CANNOT_CHANGE_PERMISSIONS);
		}
		user.permissions = permissions;
		this.broker.journal.changed();
		return new byte[0];
	}

	/** Changing one's own password needs no permission; another's needs manage_users. */
	byte[] changePassword(Session session, WireReader in) {
		Identifier id = in.identifier();
		int currentLength = in.u8();
		String current = new String(in.bytes(currentLength), StandardCharsets.UTF_8);
		int newLength = in.u8();
		String replacement = new String(in.bytes(newLength), StandardCharsets.UTF_8);
		checkPassword(currentLength);
		checkPassword(newLength);
		UserState user = user(id);
		if (user.id != session.userId()) {
			requireManageUsers(session);
		}
		if (!user.password.equals(current)) {
			throw new IggyErrorException(IggyErrors.INVALID_CREDENTIALS);
		}
		user.password = replacement;
		this.broker.journal.changed();
		return new byte[0];
	}

	// ---- personal access tokens (each user sees and manages its own)

	byte[] getTokens(Session session, WireReader in) {
		WireWriter out = new WireWriter();
		for (TokenState token : this.broker.tokens.values()) {
			if (token.userId() == session.userId()) {
				out.name(token.name()).u64(0);
			}
		}
		return out.toByteArray();
	}

	byte[] createToken(Session session, WireReader in) {
		String name = in.name();
		in.u64(); // expiry: the testkit's tokens never expire
		int userId = (int) session.userId();
		for (TokenState token : this.broker.tokens.values()) {
			if (token.userId() == userId && token.name().equals(name)) {
				throw new IggyErrorException(IggyErrors.PAT_NAME_ALREADY_EXISTS);
			}
		}
		byte[] raw = new byte[32];
		this.broker.random.nextBytes(raw);
		StringBuilder token = new StringBuilder();
		for (byte b : raw) {
			token.append(String.format("%02x", b));
		}
		this.broker.tokens.put(token.toString(), new TokenState(userId, name));
		this.broker.journal.changed();
		return new WireWriter().name(token.toString()).toByteArray();
	}

	byte[] deleteToken(Session session, WireReader in) {
		String name = in.name();
		for (Map.Entry<String, TokenState> token : this.broker.tokens.entrySet()) {
			if (token.getValue().userId() == session.userId() && token.getValue().name().equals(name)) {
				this.broker.tokens.remove(token.getKey());
				this.broker.journal.changed();
				return new byte[0];
			}
		}
		throw new IggyErrorException(IggyErrors.RESOURCE_NOT_FOUND);
	}

}
