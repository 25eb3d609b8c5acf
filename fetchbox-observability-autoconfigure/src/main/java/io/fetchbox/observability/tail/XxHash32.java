package io.fetchbox.observability.tail;

/**
 * xxHash32, the hash Iggy 0.8 uses to place a message keyed by
 * {@code Partitioning.messagesKey(...)}: {@code XXH32(key bytes, seed 0) mod partitions}.
 * Kept here (a few lines) rather than pulling a hashing library into every service.
 *
 * @since 0.1.0
 */
public final class XxHash32 {

	private static final int P1 = 0x9E3779B1;

	private static final int P2 = 0x85EBCA77;

	private static final int P3 = 0xC2B2AE3D;

	private static final int P4 = 0x27D4EB2F;

	private static final int P5 = 0x165667B1;

	private XxHash32() {
	}

	/**
	 * Hash {@code input} with the given seed.
	 * @param input the bytes to hash
	 * @param seed the seed (Iggy uses 0)
	 * @return the 32-bit hash; use {@link Integer#toUnsignedLong(int)} for its unsigned
	 * value
	 */
	public static int hash(byte[] input, int seed) {
		int length = input.length;
		int i = 0;
		int h;
		if (length >= 16) {
			int v1 = seed + P1 + P2;
			int v2 = seed + P2;
			int v3 = seed;
			int v4 = seed - P1;
			int limit = length - 16;
			do {
				v1 = round(v1, intLe(input, i));
				v2 = round(v2, intLe(input, i + 4));
				v3 = round(v3, intLe(input, i + 8));
				v4 = round(v4, intLe(input, i + 12));
				i += 16;
			}
			while (i <= limit);
			h = Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12)
					+ Integer.rotateLeft(v4, 18);
		}
		else {
			h = seed + P5;
		}
		h += length;
		while (i + 4 <= length) {
			h += intLe(input, i) * P3;
			h = Integer.rotateLeft(h, 17) * P4;
			i += 4;
		}
		while (i < length) {
			h += (input[i] & 0xFF) * P5;
			h = Integer.rotateLeft(h, 11) * P1;
			i++;
		}
		h ^= h >>> 15;
		h *= P2;
		h ^= h >>> 13;
		h *= P3;
		h ^= h >>> 16;
		return h;
	}

	private static int round(int acc, int input) {
		acc += input * P2;
		acc = Integer.rotateLeft(acc, 13);
		return acc * P1;
	}

	private static int intLe(byte[] b, int i) {
		return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
	}

}
