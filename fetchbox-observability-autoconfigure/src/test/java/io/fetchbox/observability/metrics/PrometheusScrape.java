package io.fetchbox.observability.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A parsed Prometheus text (or OpenMetrics) scrape, for assertions on series and values.
 */
public final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern
		.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*?)\\})? (\\S+)(?: \\d+)?(?: # .*)?$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final String text;

	private final List<Sample> samples = new ArrayList<>();

	private PrometheusScrape(String text) {
		this.text = text;
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher matcher = SAMPLE.matcher(line);
			assertThat(matcher.matches()).as("sample line: %s", line).isTrue();
			Map<String, String> labels = new LinkedHashMap<>();
			if (matcher.group(2) != null) {
				Matcher label = LABEL.matcher(matcher.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			this.samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
		}
	}

	public static PrometheusScrape parse(String text) {
		return new PrometheusScrape(text);
	}

	public String text() {
		return this.text;
	}

	public List<Sample> samples() {
		return this.samples;
	}

	public List<Sample> samples(String name) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).toList();
	}

	public Set<String> names() {
		Set<String> names = new TreeSet<>();
		this.samples.forEach((sample) -> names.add(sample.name()));
		return names;
	}

	/**
	 * Value of the one series with this name whose labels include the given pairs.
	 * @param name the series name
	 * @param labels label name, value, name, value, ...
	 * @return the value
	 */
	public double value(String name, String... labels) {
		List<Sample> matching = samples(name).stream().filter((sample) -> sample.has(labels)).toList();
		assertThat(matching).as("series %s%s in\n%s", name, List.of(labels), this.text).hasSize(1);
		return matching.get(0).value();
	}

	public record Sample(String name, Map<String, String> labels, double value) {

		boolean has(String... pairs) {
			for (int i = 0; i < pairs.length; i += 2) {
				if (!pairs[i + 1].equals(this.labels.get(pairs[i]))) {
					return false;
				}
			}
			return true;
		}

	}

}
