package io.fetchbox.observability.testkit;

import org.jspecify.annotations.Nullable;

/**
 * A user: id (root is 0), credentials, status (1 active, 2 inactive) and permissions
 * ({@code null} for none).
 */
final class UserState {

	static final int ACTIVE = 1;

	static final int INACTIVE = 2;

	final int id;

	final long createdAt;

	String username;

	String password;

	int status;

	@Nullable Permissions permissions;

	UserState(int id, String username, String password, int status, long createdAt, @Nullable Permissions permissions) {
		this.id = id;
		this.username = username;
		this.password = password;
		this.status = status;
		this.createdAt = createdAt;
		this.permissions = permissions;
	}

	boolean root() {
		return this.id == Broker.ROOT_USER_ID;
	}

	/** UserResponse: {@code u32 id, u64 created_at, u8 status, Name username}. */
	void writeInfo(WireWriter out) {
		out.u32(this.id).u64(this.createdAt).u8(this.status).name(this.username);
	}

	/**
	 * UserDetailsResponse: the info, then {@code u8 1 + u32 len + permissions} or
	 * {@code u32 0}.
	 */
	byte[] details() {
		WireWriter out = new WireWriter();
		writeInfo(out);
		if (this.permissions != null) {
			byte[] bytes = this.permissions.toBytes();
			out.u8(1).u32(bytes.length).bytes(bytes);
		}
		else {
			out.u32(0);
		}
		return out.toByteArray();
	}

}
