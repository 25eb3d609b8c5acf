package io.fetchbox.sample.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The PromQL an operator runs: every query of every Grafana dashboard in
 * {@code docs/grafana} (with Grafana's variables replaced the way Grafana would for
 * "All") and every alert rule of {@code docs/prometheus/alerts.yml}.
 */
final class OperatorQueries {

	static final Path DOCS = Path.of("..", "docs");

	static final Path ALERT_RULES = DOCS.resolve("prometheus/alerts.yml");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");

	private static final Pattern COMPARISON = Pattern
		.compile("\\s*(==|!=|>=|<=|>|<)\\s*(bool\\s+)?[-+]?[0-9.]+(e[-+]?[0-9]+)?\\s*$");

	private static final Pattern SET_OPERATOR = Pattern.compile("\\s(and|or|unless)\\s");

	private OperatorQueries() {
	}

	/** A named PromQL expression. */
	record Query(String name, String promql) {
	}

	/**
	 * Every panel query of every dashboard.
	 * @param range what {@code $__rate_interval} and friends become, e.g. {@code 300s}
	 * @return the queries, named by dashboard, panel and refId
	 * @throws IOException on a missing or unreadable dashboard
	 */
	static List<Query> dashboardQueries(String range) throws IOException {
		List<Query> queries = new ArrayList<>();
		for (JsonNode dashboard : dashboards()) {
			for (JsonNode panel : dashboard.path("panels")) {
				for (JsonNode target : panel.path("targets")) {
					String name = dashboard.path("uid").asString() + " / " + panel.path("title").asString() + " / "
							+ target.path("refId").asString();
					queries.add(new Query(name, grafanaVariables(target.path("expr").asString(), range)));
				}
			}
		}
		return queries;
	}

	/**
	 * The {@code label_values(metric, label)} template variables of every dashboard.
	 * @return metric and label of each
	 * @throws IOException on a missing or unreadable dashboard
	 */
	static List<Query> templateLabelValues() throws IOException {
		List<Query> variables = new ArrayList<>();
		for (JsonNode dashboard : dashboards()) {
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				Matcher matcher = LABEL_VALUES.matcher(variable.path("query").asString());
				if ("query".equals(variable.path("type").asString()) && matcher.matches()) {
					variables.add(new Query(matcher.group(2), matcher.group(1)));
				}
			}
		}
		return variables;
	}

	/**
	 * The expression of every alert rule.
	 * @return the expressions, named by alert
	 * @throws IOException on a missing or unreadable rule file
	 */
	static List<Query> alertRules() throws IOException {
		List<Query> rules = new ArrayList<>();
		Map<String, Object> file = new Yaml().load(Files.readString(ALERT_RULES));
		for (Map<String, Object> group : list(file.get("groups"))) {
			for (Map<String, Object> rule : list(group.get("rules"))) {
				rules.add(new Query((String) rule.get("alert"), ((String) rule.get("expr")).trim()));
			}
		}
		return rules;
	}

	/**
	 * What an alert measures: its expression split at top-level {@code and} / {@code or}
	 * / {@code unless}, each part without its threshold. A healthy system does not fire
	 * the alert, but every part must have data, or the alert could never fire.
	 * @param alert the alert expression
	 * @return the measured parts
	 */
	static List<String> measuredParts(String alert) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		int start = 0;
		for (int i = 0; i < alert.length(); i++) {
			char c = alert.charAt(i);
			if (c == '(' || c == '[' || c == '{') {
				depth++;
			}
			else if (c == ')' || c == ']' || c == '}') {
				depth--;
			}
			else if (c == '"') {
				i = alert.indexOf('"', i + 1);
			}
			else if (depth == 0) {
				Matcher operator = SET_OPERATOR.matcher(alert).region(i, alert.length());
				if (operator.lookingAt()) {
					parts.add(alert.substring(start, i));
					start = operator.end();
					i = operator.end() - 1;
				}
			}
		}
		parts.add(alert.substring(start));
		return parts.stream().map((part) -> COMPARISON.matcher(part.trim()).replaceFirst("")).toList();
	}

	private static String grafanaVariables(String expr, String range) {
		String replaced = expr.replace("$__rate_interval", range)
			.replace("$__interval", range)
			.replace("$__range", range)
			.replace("${service}", ".*")
			.replace("$service", ".*");
		if (replaced.contains("$")) {
			throw new IllegalStateException("Unknown Grafana variable in " + expr);
		}
		return replaced;
	}

	private static List<JsonNode> dashboards() throws IOException {
		List<Path> files;
		try (Stream<Path> list = Files.list(DOCS.resolve("grafana"))) {
			files = list.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
		List<JsonNode> dashboards = new ArrayList<>();
		for (Path file : files) {
			dashboards.add(new ObjectMapper().readTree(Files.readString(file)));
		}
		return dashboards;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object yaml) {
		return (yaml != null) ? (List<Map<String, Object>>) yaml : List.of();
	}

}
