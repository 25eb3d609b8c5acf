package io.fetchbox.observability.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code blocks of README.md and docs/observability.md, as a user copies them: each is
 * a source file of this repository, included verbatim (marked by an
 * {@code <!-- include: path -->} line before it; the file is compiled and run by the test
 * suite), or output ({@code text}, {@code json}), or starts with a comment saying it is a
 * fragment.
 */
class DocsCodeBlocksTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	/**
	 * Info strings of blocks that show output (log lines, responses), not code to copy.
	 */
	private static final Set<String> OUTPUT = Set.of("text", "json");

	private static final Pattern INCLUDE = Pattern.compile("<!-- include: (\\S+) -->");

	/**
	 * A {@code @SpringBootTest} sample of the {@code fetchbox-observability-test} module,
	 * shown from its imports on and checked against its source by that module's
	 * {@code DocumentedSamplesTests}.
	 */
	private static final Pattern SAMPLE = Pattern.compile("<!-- sample: (\\w+) -->");

	private static final Path SAMPLES = Path.of("fetchbox-observability-test", "src", "test", "java", "io", "fetchbox",
			"observability", "test", "iggy", "docs");

	private static final Pattern JAVA_SOURCE = Pattern.compile("[\\w-]+/src/test/java/(.+)\\.java");

	private static final Pattern FRAGMENT = Pattern.compile("^\\s*(//|#|<!--)\\s*fragment\\b.*",
			Pattern.CASE_INSENSITIVE);

	@Test
	void everyBlockIsAnIncludedSourceOutputOrAMarkedFragment() throws IOException {
		List<String> problems = new ArrayList<>();
		List<Block> blocks = new ArrayList<>();
		for (String document : List.of("README.md", "docs/observability.md")) {
			blocks.addAll(blocks(document));
		}
		assertThat(blocks).hasSizeGreaterThan(15);
		for (Block block : blocks) {
			if (block.include() != null) {
				Path source = ROOT.resolve(block.include());
				if (!Files.isRegularFile(source)) {
					problems.add(block.where() + ": included file " + block.include() + " does not exist");
				}
				else if (!Files.readString(source).equals(block.content())) {
					problems
						.add(block.where() + ": differs from " + block.include() + " (copy the file into the block)");
				}
			}
			else if (block.sample() != null) {
				if (!Files.isRegularFile(ROOT.resolve(SAMPLES).resolve(block.sample() + ".java"))) {
					problems.add(block.where() + ": sample " + block.sample() + " is not a source in " + SAMPLES);
				}
			}
			else if (!OUTPUT.contains(block.info()) && (block.content().isEmpty()
					|| !FRAGMENT.matcher(block.content().lines().findFirst().orElse("")).matches())) {
				problems.add(block.where() + " (```" + block.info()
						+ "): neither an included source, nor output (text, json), nor marked as a fragment in its first line");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void includedSourcesAreCompiledByThisBuild() throws Exception {
		List<String> included = new ArrayList<>();
		for (String document : List.of("README.md", "docs/observability.md")) {
			blocks(document).stream().map(Block::include).filter((include) -> include != null).forEach(included::add);
		}
		assertThat(included).isNotEmpty();
		for (String include : included) {
			Matcher matcher = JAVA_SOURCE.matcher(include);
			assertThat(matcher.matches()).as("%s is a Java source of a test source folder", include).isTrue();
			String className = matcher.group(1).replace('/', '.');
			assertThat(Class.forName(className)).as(include).isNotNull();
		}
	}

	private static List<Block> blocks(String document) throws IOException {
		List<String> lines = Files.readAllLines(ROOT.resolve(document));
		List<Block> blocks = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (!lines.get(i).startsWith("```")) {
				continue;
			}
			int start = i;
			String info = lines.get(i).substring(3).strip();
			StringBuilder content = new StringBuilder();
			for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
				content.append(lines.get(i)).append('\n');
			}
			String include = null;
			String sample = null;
			if (start > 0) {
				String previous = lines.get(start - 1).strip();
				Matcher matcher = INCLUDE.matcher(previous);
				include = matcher.matches() ? matcher.group(1) : null;
				Matcher sampleMatcher = SAMPLE.matcher(previous);
				sample = sampleMatcher.matches() ? sampleMatcher.group(1) : null;
			}
			blocks.add(new Block(document + ":" + (start + 1), info, content.toString(), include, sample));
		}
		return blocks;
	}

	private record Block(String where, String info, String content, String include, String sample) {
	}

}
