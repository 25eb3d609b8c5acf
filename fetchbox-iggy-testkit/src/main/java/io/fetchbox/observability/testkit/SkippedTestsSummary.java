package io.fetchbox.observability.testkit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says on the console, once per test run, which tests were skipped and why: one line per
 * reason (no Docker engine, no {@code promtool}, ...) naming the tests. Build tools often
 * send test output to files; this writes to the process's own standard error, which they
 * show.
 *
 * <p>
 * Register it with a
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener} file in the
 * test resources.
 *
 * @since 0.1.0
 */
public final class SkippedTestsSummary implements TestExecutionListener {

	private final Map<String, List<String>> testsByReason = new LinkedHashMap<>();

	private final Map<String, Integer> countByReason = new LinkedHashMap<>();

	private @Nullable TestPlan plan;

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		this.plan = testPlan;
	}

	@Override
	public void executionSkipped(TestIdentifier test, String reason) {
		// A skipped class: count its test methods (a parameterized one is a container
		// whose
		// invocations are never discovered, so count method sources, as Surefire does).
		long tests = test.isTest() ? 1
				: (this.plan != null) ? this.plan.getDescendants(test)
					.stream()
					.filter((descendant) -> descendant.getSource().filter(MethodSource.class::isInstance).isPresent())
					.count() : 0;
		record(test, reason, (int) Math.max(tests, 1));
	}

	@Override
	public void executionFinished(TestIdentifier test, TestExecutionResult result) {
		if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
			String reason = result.getThrowable().map(Throwable::getMessage).orElse("assumption not met");
			record(test, reason.replace("Assumption failed: ", ""), 1);
		}
	}

	private synchronized void record(TestIdentifier test, String reason, int tests) {
		this.testsByReason.computeIfAbsent(reason, (key) -> new ArrayList<>()).add(name(test));
		this.countByReason.merge(reason, tests, Integer::sum);
	}

	@Override
	public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
		if (this.testsByReason.isEmpty()) {
			return;
		}
		PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
		this.testsByReason.forEach((reason, tests) -> console.println("[SKIPPED] " + this.countByReason.get(reason)
				+ " test(s) in " + String.join(", ", tests) + ": " + reason));
		console.flush();
		this.testsByReason.clear();
		this.countByReason.clear();
	}

	private static String name(TestIdentifier test) {
		return test.getSource().map((source) -> {
			if (source instanceof MethodSource method) {
				return simpleName(method.getClassName()) + "." + method.getMethodName();
			}
			if (source instanceof ClassSource type) {
				return simpleName(type.getClassName());
			}
			return test.getDisplayName();
		}).orElse(test.getDisplayName());
	}

	private static String simpleName(String className) {
		return className.substring(className.lastIndexOf('.') + 1);
	}

}
