package io.fetchbox.observability.joblog.logback;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.JobLogRecord;
import io.fetchbox.observability.logging.CorrelationKeys;
import io.fetchbox.observability.messages.LogLevel;

/**
 * Maps a Logback event to a {@link JobLogRecord} on the application thread, or decides
 * that it is not a job log event.
 *
 * @since 0.1.0
 */
public final class JobLogEventMapper {

	/** {@code fields} key of the exception class. */
	public static final String EXCEPTION_CLASS = "exception_class";

	/** {@code fields} key of the exception message. */
	public static final String EXCEPTION_MESSAGE = "exception_message";

	/** {@code fields} key of the shortened stack trace. */
	public static final String STACK_TRACE = "stack_trace";

	/**
	 * MDC key that, when {@code true}, marks the trace as sampled in {@code traceparent}.
	 */
	public static final String MDC_SAMPLED = "sampled";

	private static final int MAX_FRAMES = 8;

	private static final int MAX_CAUSE_FRAMES = 3;

	private static final int MAX_STACK_CHARS = 2048;

	private static final String[] IGNORED_LOGGERS = { "org.apache.iggy", "io.netty", "io.fetchbox.observability.joblog",
			"io.fetchbox.observability.iggy" };

	private static final boolean STRUCTURED_ARGUMENTS_PRESENT = isPresent(
			"net.logstash.logback.marker.SingleFieldAppendingMarker");

	private JobLogEventMapper() {
	}

	/**
	 * Map an event.
	 * @param event the event
	 * @return the record, or {@code null} when the event has no job id or must not be
	 * shipped (its own, Iggy SDK and Netty events, or the sender's threads)
	 */
	public static @Nullable JobLogRecord map(ILoggingEvent event) {
		String jobId = jobId(event);
		return (jobId != null) ? map(event, jobId) : null;
	}

	/**
	 * The job id of an event that is to be shipped.
	 * @param event the event
	 * @return the job id, or {@code null} when the event has no job id or must not be
	 * shipped (its own, Iggy SDK and Netty events, or the sender's threads)
	 */
	public static @Nullable String jobId(ILoggingEvent event) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		String jobId = (mdc != null) ? mdc.get(CorrelationKeys.JOB_ID) : null;
		if (jobId == null || jobId.isBlank() || isIgnored(event)) {
			return null;
		}
		return jobId;
	}

	/**
	 * Map an event known to belong to a job.
	 * @param event the event
	 * @param jobId its job id
	 * @return the record
	 */
	public static JobLogRecord map(ILoggingEvent event, String jobId) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		String sampled = mdc.get(MDC_SAMPLED);
		JobLogRecord.Builder builder = JobLogRecord.builder(jobId, level(event.getLevel()), message(event))
			.resourceId(mdc.get(CorrelationKeys.RESOURCE_ID))
			.timestampMs(event.getTimeStamp())
			.trace(mdc.get(CorrelationKeys.MDC_TRACE_ID), mdc.get(CorrelationKeys.MDC_SPAN_ID),
					"true".equals(sampled) || "1".equals(sampled))
			.logger(event.getLoggerName())
			.thread(event.getThreadName())
			// Logback's MDC map is a copy-on-write snapshot, the same instance until
			// the MDC changes: safe to keep without copying, and its size is measured
			// once per thread and snapshot.
			.context(mdc, LastContext.estimatedBytes(mdc));
		Map<String, String> extra = extra(event);
		if (extra != null) {
			builder.extra(extra);
		}
		return builder.build();
	}

	/**
	 * Whether the event is WARN or above.
	 * @param event the event
	 * @return whether urgent
	 */
	public static boolean isUrgent(ILoggingEvent event) {
		return event.getLevel().toInt() >= Level.WARN_INT;
	}

	static boolean isIgnored(ILoggingEvent event) {
		String logger = event.getLoggerName();
		if (logger != null) {
			for (String prefix : IGNORED_LOGGERS) {
				if (logger.startsWith(prefix)) {
					return true;
				}
			}
		}
		String thread = Thread.currentThread().getName();
		return thread.startsWith(JobLogPipeline.THREAD_NAME) || thread.startsWith(SupervisedIggyClient.THREAD_PREFIX);
	}

	static LogLevel level(Level level) {
		return switch (level.toInt()) {
			case Level.ERROR_INT -> LogLevel.LOG_LEVEL_ERROR;
			case Level.WARN_INT -> LogLevel.LOG_LEVEL_WARN;
			case Level.INFO_INT -> LogLevel.LOG_LEVEL_INFO;
			case Level.DEBUG_INT -> LogLevel.LOG_LEVEL_DEBUG;
			default -> LogLevel.LOG_LEVEL_TRACE;
		};
	}

	private static String message(ILoggingEvent event) {
		String message = event.getFormattedMessage();
		return (message != null) ? message : "";
	}

	private static @Nullable Map<String, String> extra(ILoggingEvent event) {
		Map<String, String> extra = null;
		List<KeyValuePair> pairs = event.getKeyValuePairs();
		if (pairs != null) {
			for (KeyValuePair pair : pairs) {
				if (pair.key != null) {
					extra = put(extra, pair.key, String.valueOf(pair.value));
				}
			}
		}
		Object[] arguments = event.getArgumentArray();
		if (STRUCTURED_ARGUMENTS_PRESENT && arguments != null) {
			for (Object argument : arguments) {
				String[] field = StructuredArguments.field(argument);
				if (field != null) {
					extra = put(extra, field[0], field[1]);
				}
			}
		}
		IThrowableProxy throwable = event.getThrowableProxy();
		if (throwable != null) {
			extra = put(extra, EXCEPTION_CLASS, throwable.getClassName());
			if (throwable.getMessage() != null) {
				extra = put(extra, EXCEPTION_MESSAGE, throwable.getMessage());
			}
			extra = put(extra, STACK_TRACE, shortStack(throwable));
		}
		return extra;
	}

	private static String shortStack(IThrowableProxy throwable) {
		// The top frames of the exception and the first few of each cause: enough to
		// locate
		// the failure, bounded in size.
		StringBuilder stack = new StringBuilder();
		IThrowableProxy current = throwable;
		int depth = 0;
		while (current != null && depth < 5 && stack.length() < MAX_STACK_CHARS) {
			if (depth > 0) {
				stack.append("Caused by: ").append(current.getClassName());
				if (current.getMessage() != null) {
					stack.append(": ").append(current.getMessage());
				}
				stack.append('\n');
			}
			StackTraceElementProxy[] elements = current.getStackTraceElementProxyArray();
			int limit = (depth == 0) ? MAX_FRAMES : MAX_CAUSE_FRAMES;
			if (elements != null) {
				for (int i = 0; i < elements.length && i < limit; i++) {
					stack.append("\tat ").append(elements[i].getStackTraceElement()).append('\n');
				}
				if (elements.length > limit) {
					stack.append("\t... ").append(elements.length - limit).append(" more\n");
				}
			}
			current = current.getCause();
			depth++;
		}
		return (stack.length() > MAX_STACK_CHARS) ? stack.substring(0, MAX_STACK_CHARS) : stack.toString();
	}

	private static Map<String, String> put(@Nullable Map<String, String> map, String key, String value) {
		Map<String, String> target = (map != null) ? map : new HashMap<>(8);
		target.put(key, value);
		return target;
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, JobLogEventMapper.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * The size estimate of the last MDC snapshot seen on this thread.
	 */
	private static final class LastContext {

		private static final ThreadLocal<LastContext> CURRENT = ThreadLocal.withInitial(LastContext::new);

		private @Nullable Map<String, String> context;

		private int estimatedBytes;

		static int estimatedBytes(Map<String, String> context) {
			LastContext last = CURRENT.get();
			if (last.context != context) {
				last.context = context;
				last.estimatedBytes = JobLogRecord.estimateContext(context);
			}
			return last.estimatedBytes;
		}

	}

	/**
	 * logstash-logback-encoder's structured arguments, touched only when it is present.
	 */
	private static final class StructuredArguments {

		static String @Nullable [] field(Object argument) {
			if (argument instanceof net.logstash.logback.marker.SingleFieldAppendingMarker marker) {
				String name = marker.getFieldName();
				String text = marker.toStringSelf();
				String prefix = name + "=";
				return new String[] { name, text.startsWith(prefix) ? text.substring(prefix.length()) : text };
			}
			return null;
		}

	}

}
