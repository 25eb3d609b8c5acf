package io.fetchbox.observability.tail;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XxHash32} and {@link JobPartitions}, with the test vectors of the Iggy
 * 0.8 protocol notes (section 7.2).
 */
class XxHash32Tests {

	@Test
	void matchesReferenceVectors() {
		assertThat(hash("")).isEqualTo(0x02CC5D05L);
		assertThat(hash("a")).isEqualTo(0x550D7456L);
		assertThat(hash("abc")).isEqualTo(0x32D153FFL);
		assertThat(hash("test-key")).isEqualTo(2523710439L);
		assertThat(hash("job-42")).isEqualTo(1438261928L);
		assertThat(hash("order-42")).isEqualTo(3150133969L);
	}

	@Test
	void hashesInputsLongerThanOneStripe() {
		// 16+ bytes take the four-accumulator path; value from libxxhash (xxh32sum).
		assertThat(hash("Nobody inspects the spammish repetition")).isEqualTo(0xE2293B2FL);
	}

	@Test
	void partitionIsTheUnsignedHashModuloTheCount() {
		assertThat(JobPartitions.partitionOf("test-key", 3)).isZero();
		assertThat(JobPartitions.partitionOf("test-key", 4)).isEqualTo(3);
		assertThat(JobPartitions.partitionOf("job-42", 3)).isEqualTo(2);
		assertThat(JobPartitions.partitionOf("order-42", 3)).isEqualTo(1);
		assertThat(JobPartitions.partitionOf("anything", 1)).isZero();
	}

	private static long hash(String input) {
		return Integer.toUnsignedLong(XxHash32.hash(input.getBytes(StandardCharsets.UTF_8), 0));
	}

}
