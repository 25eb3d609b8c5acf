package io.fetchbox.observability.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Growable little-endian buffer for response payloads.
 */
final class WireWriter {

	private byte[] buf;

	private int size;

	WireWriter() {
		this(64);
	}

	WireWriter(int capacity) {
		this.buf = new byte[Math.max(16, capacity)];
	}

	private void ensure(int n) {
		if (this.size + n > this.buf.length) {
			this.buf = Arrays.copyOf(this.buf, Math.max(this.buf.length * 2, this.size + n));
		}
	}

	WireWriter u8(int v) {
		ensure(1);
		this.buf[this.size++] = (byte) v;
		return this;
	}

	WireWriter u32(long v) {
		ensure(4);
		for (int i = 0; i < 4; i++) {
			this.buf[this.size++] = (byte) (v >>> (8 * i));
		}
		return this;
	}

	WireWriter u64(long v) {
		ensure(8);
		for (int i = 0; i < 8; i++) {
			this.buf[this.size++] = (byte) (v >>> (8 * i));
		}
		return this;
	}

	WireWriter f32(float v) {
		return u32(Float.floatToIntBits(v) & 0xFFFFFFFFL);
	}

	WireWriter bytes(byte[] b) {
		return bytes(b, 0, b.length);
	}

	WireWriter bytes(byte[] b, int off, int len) {
		ensure(len);
		System.arraycopy(b, off, this.buf, this.size, len);
		this.size += len;
		return this;
	}

	/** Name: {@code u8 len} + UTF-8. */
	WireWriter name(String s) {
		byte[] b = s.getBytes(StandardCharsets.UTF_8);
		u8(b.length);
		return bytes(b);
	}

	/** String with a {@code u32} length prefix. */
	WireWriter string32(String s) {
		byte[] b = s.getBytes(StandardCharsets.UTF_8);
		u32(b.length);
		return bytes(b);
	}

	int size() {
		return this.size;
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.buf, this.size);
	}

	static void putU64(byte[] target, int offset, long v) {
		for (int i = 0; i < 8; i++) {
			target[offset + i] = (byte) (v >>> (8 * i));
		}
	}

	static long getU64(byte[] source, int offset) {
		long v = 0;
		for (int i = 7; i >= 0; i--) {
			v = (v << 8) | (source[offset + i] & 0xFFL);
		}
		return v;
	}

	static long getU32(byte[] source, int offset) {
		return (source[offset] & 0xFFL) | (source[offset + 1] & 0xFFL) << 8 | (source[offset + 2] & 0xFFL) << 16
				| (source[offset + 3] & 0xFFL) << 24;
	}

}
