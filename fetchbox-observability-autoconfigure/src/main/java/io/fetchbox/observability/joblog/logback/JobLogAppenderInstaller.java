package io.fetchbox.observability.joblog.logback;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.Appender;
import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.joblog.JobLogPipeline;
import io.fetchbox.observability.joblog.JobLogSettings;

/**
 * Finds or adds the {@link JobLogAppender} on the root logger and keeps it there.
 * <ul>
 * <li>An appender the user declared (e.g. in {@code logback-spring.xml}) is used as it
 * is; otherwise one named {@link JobLogAppender#DEFAULT_NAME} is added.</li>
 * <li>One pipeline per {@link LoggerContext}: installing again (after Boot re-initialises
 * logging) reuses it, so buffered records survive.</li>
 * <li>A reset-resistant context listener re-adds the appender after a Logback reset.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class JobLogAppenderInstaller {

	private JobLogAppenderInstaller() {
	}

	/**
	 * Install (or find) the appender and return its pipeline.
	 * @param context the logger context
	 * @param settings settings for a new pipeline (an XML-declared appender's own
	 * settings win)
	 * @return the pipeline
	 */
	public static synchronized JobLogPipeline install(LoggerContext context, JobLogSettings settings) {
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		ResetGuard guard = guard(context);
		List<JobLogAppender> found = find(root);
		JobLogAppender declared = null;
		for (JobLogAppender appender : found) {
			if (appender.getName() == null || !appender.getName().startsWith(JobLogAppender.DEFAULT_NAME)) {
				declared = appender;
				break;
			}
		}
		JobLogPipeline pipeline = guard.pipeline;
		if (pipeline == null || pipeline.isClosed()) {
			pipeline = new JobLogPipeline((declared != null) ? declared.applyTo(settings) : settings);
			guard.pipeline = pipeline;
		}
		if (declared != null) {
			declared.setPipeline(pipeline);
			for (JobLogAppender appender : found) {
				if (appender != declared) {
					// a user-declared appender wins over the one added here before a
					// re-init
					root.detachAppender(appender);
					appender.stop();
				}
			}
		}
		else if (!found.isEmpty()) {
			JobLogPipeline target = pipeline;
			if (found.stream().noneMatch((appender) -> appender.getPipeline() == target)) {
				found.get(0).setPipeline(pipeline);
			}
		}
		else {
			addAppender(context, root, pipeline);
		}
		return pipeline;
	}

	/**
	 * Install for an application that attaches its own transport: adopts the pipeline the
	 * early installation created (not attached yet), or, when the installed pipeline
	 * already serves another live application in this JVM (tests with cached contexts),
	 * creates a separate pipeline with its own appender so neither closes the other's.
	 * @param context the logger context
	 * @param settings settings for a new pipeline
	 * @return the pipeline for this application
	 */
	public static synchronized JobLogPipeline installForApplication(LoggerContext context, JobLogSettings settings) {
		JobLogPipeline current = installed(context);
		if (current == null || current.isClosed() || !current.isAttached()) {
			return install(context, settings);
		}
		JobLogPipeline pipeline = new JobLogPipeline(settings);
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		addAppender(context, root, pipeline);
		return pipeline;
	}

	/**
	 * Detach the pipeline from the context (after it was closed): the appender the
	 * installer added is removed, a declared one stops shipping.
	 * @param context the logger context
	 * @param pipeline the pipeline
	 */
	public static synchronized void uninstall(LoggerContext context, JobLogPipeline pipeline) {
		ResetGuard guard = guard(context);
		if (guard.pipeline == pipeline) {
			guard.pipeline = null;
		}
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		for (JobLogAppender appender : find(root)) {
			if (appender.getPipeline() == pipeline) {
				appender.setPipeline(null);
				if (appender.getName() != null && appender.getName().startsWith(JobLogAppender.DEFAULT_NAME)) {
					root.detachAppender(appender);
					appender.stop();
				}
			}
		}
	}

	/**
	 * The pipeline currently installed in the context, if any.
	 * @param context the logger context
	 * @return the pipeline or {@code null}
	 */
	public static synchronized @Nullable JobLogPipeline installed(LoggerContext context) {
		for (LoggerContextListener listener : context.getCopyOfListenerList()) {
			if (listener instanceof ResetGuard guard) {
				return guard.pipeline;
			}
		}
		return null;
	}

	private static void addAppender(LoggerContext context, Logger root, JobLogPipeline pipeline) {
		JobLogAppender appender = new JobLogAppender();
		appender.setContext(context);
		appender.setName(JobLogAppender.DEFAULT_NAME);
		appender.setPipeline(pipeline);
		appender.start();
		root.addAppender(appender);
	}

	private static List<JobLogAppender> find(Logger root) {
		List<JobLogAppender> found = new ArrayList<>();
		for (Iterator<Appender<ILoggingEvent>> iterator = root.iteratorForAppenders(); iterator.hasNext();) {
			if (iterator.next() instanceof JobLogAppender appender) {
				found.add(appender);
			}
		}
		return found;
	}

	private static ResetGuard guard(LoggerContext context) {
		for (LoggerContextListener listener : context.getCopyOfListenerList()) {
			if (listener instanceof ResetGuard guard) {
				return guard;
			}
		}
		ResetGuard guard = new ResetGuard();
		context.addListener(guard);
		return guard;
	}

	/**
	 * Survives {@link LoggerContext#reset()} and puts the appender back afterwards, as
	 * Micrometer's {@code LogbackMetrics} does for its turbo filter.
	 */
	static final class ResetGuard implements LoggerContextListener {

		volatile @Nullable JobLogPipeline pipeline;

		@Override
		public boolean isResetResistant() {
			return true;
		}

		@Override
		public void onReset(LoggerContext context) {
			JobLogPipeline current = this.pipeline;
			if (current != null && !current.isClosed()) {
				synchronized (JobLogAppenderInstaller.class) {
					Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
					if (find(root).isEmpty()) {
						addAppender(context, root, current);
					}
				}
			}
		}

		@Override
		public void onStart(LoggerContext context) {
		}

		@Override
		public void onStop(LoggerContext context) {
		}

		@Override
		public void onLevelChange(Logger logger, Level level) {
		}

	}

}
