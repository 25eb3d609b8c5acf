package io.fetchbox.observability.logging;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogMessagesTests {

	@Test
	void shortCleanMessageIsReturnedAsIs() {
		String message = "hello \"world\"\n";
		assertThat(LogMessages.sanitize(message, 1024)).isSameAs(message);
	}

	@Test
	void loneSurrogatesAreReplacedAndPairsKept() {
		assertThat(LogMessages.sanitize("a\uD800b\uDC00c\uD83D\uDE00", 1024)).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
		assertThat(LogMessages.sanitize("end\uD800", 1024)).isEqualTo("end\uFFFD");
	}

	@Test
	void longMessageIsCutWithinBudgetWithMarker() {
		String cut = LogMessages.sanitize("é".repeat(5000), 1000);
		assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1000);
		assertThat(cut).startsWith("éé").contains(LogMessages.TRUNCATION_MARKER).endsWith(" bytes]");
	}

	@Test
	void cutNeverSplitsASurrogatePair() {
		String cut = LogMessages.sanitize("\uD83D\uDE00".repeat(1000), 200);
		String kept = cut.substring(0, cut.indexOf(LogMessages.TRUNCATION_MARKER));
		assertThat(kept.length() % 2).isZero();
		assertThat(kept.codePoints()).allMatch((codePoint) -> codePoint == 0x1F600);
	}

	@Test
	void messageAtExactlyTheLimitIsKept() {
		String message = "x".repeat(100);
		assertThat(LogMessages.sanitize(message, 100)).isSameAs(message);
	}

}
