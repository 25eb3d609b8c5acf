package io.fetchbox.observability.testkit;

import java.nio.charset.StandardCharsets;

/**
 * Little-endian reader over one request payload. Truncation is reported the way the
 * server's wire decoders do: InvalidCommand (3); validation failures as InvalidFormat
 * (4).
 */
final class WireReader {

	private final byte[] buf;

	private int pos;

	private final int end;

	WireReader(byte[] buf) {
		this(buf, 0, buf.length);
	}

	WireReader(byte[] buf, int offset, int length) {
		this.buf = buf;
		this.pos = offset;
		this.end = offset + length;
	}

	int position() {
		return this.pos;
	}

	int remaining() {
		return this.end - this.pos;
	}

	private void need(int n) {
		if (n < 0 || this.end - this.pos < n) {
			throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
		}
	}

	int u8() {
		need(1);
		return this.buf[this.pos++] & 0xFF;
	}

	long u32() {
		need(4);
		long v = (this.buf[this.pos] & 0xFFL) | (this.buf[this.pos + 1] & 0xFFL) << 8
				| (this.buf[this.pos + 2] & 0xFFL) << 16 | (this.buf[this.pos + 3] & 0xFFL) << 24;
		this.pos += 4;
		return v;
	}

	long u64() {
		need(8);
		long v = 0;
		for (int i = 7; i >= 0; i--) {
			v = (v << 8) | (this.buf[this.pos + i] & 0xFFL);
		}
		this.pos += 8;
		return v;
	}

	byte[] bytes(int n) {
		need(n);
		byte[] out = new byte[n];
		System.arraycopy(this.buf, this.pos, out, 0, n);
		this.pos += n;
		return out;
	}

	void skip(int n) {
		need(n);
		this.pos += n;
	}

	/** Name: {@code u8 len} + UTF-8, 1..255 bytes. */
	String name() {
		int len = u8();
		if (len == 0) {
			throw new IggyErrorException(IggyErrors.INVALID_FORMAT);
		}
		return new String(bytes(len), StandardCharsets.UTF_8);
	}

	/** String with a {@code u32} length prefix. */
	String string32() {
		long len = u32();
		if (len > remaining()) {
			throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
		}
		return new String(bytes((int) len), StandardCharsets.UTF_8);
	}

	/** Identifier: {@code u8 kind} + {@code u8 len} + value. */
	Identifier identifier() {
		int kind = u8();
		int len = u8();
		if (kind == 1) {
			if (len != 4) {
				throw new IggyErrorException(IggyErrors.INVALID_FORMAT);
			}
			return Identifier.numeric(u32());
		}
		if (kind == 2) {
			if (len == 0) {
				throw new IggyErrorException(IggyErrors.INVALID_FORMAT);
			}
			return Identifier.named(new String(bytes(len), StandardCharsets.UTF_8));
		}
		throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
	}

	/** Optional partition id: {@code u8 flag} + {@code u32 id}; -1 when absent. */
	long optionalPartition() {
		int flag = u8();
		long id = u32();
		return (flag == 1) ? id : -1;
	}

}
