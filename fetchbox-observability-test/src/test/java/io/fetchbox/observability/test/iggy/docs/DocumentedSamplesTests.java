package io.fetchbox.observability.test.iggy.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @SpringBootTest} samples in {@code docs/observability.md} are these test
 * classes, verbatim from their imports on: they compile and run with the build, and the
 * docs cannot drift from them.
 */
class DocumentedSamplesTests {

	private static final Path DOCS = Path.of("..", "docs", "observability.md");

	private static final Path SOURCES = Path.of("src", "test", "java", "io", "fetchbox", "observability", "test",
			"iggy", "docs");

	@ParameterizedTest
	@ValueSource(strings = { "JobsTestkitIggyTests", "JobsContainerIggyTests" })
	void docsShowTheSampleAsCompiled(String sample) throws IOException {
		String source = Files.readString(SOURCES.resolve(sample + ".java"));
		String fromImports = source.substring(source.indexOf("import ")).strip();
		assertThat(documentedSample(sample)).isEqualTo(fromImports);
	}

	/** The fenced block following the {@code <!-- sample: Name -->} marker. */
	private static String documentedSample(String sample) throws IOException {
		String docs = Files.readString(DOCS);
		Matcher block = Pattern.compile("<!-- sample: " + sample + " -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
			.matcher(docs);
		assertThat(block.find()).as("docs/observability.md has a block marked '<!-- sample: %s -->'", sample).isTrue();
		return block.group(1).strip();
	}

}
