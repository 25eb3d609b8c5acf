package io.fetchbox.observability.operator;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.logging.CorrelationKeys;
import io.fetchbox.observability.messages.LogLevel;
import io.fetchbox.observability.tail.JobLogTail;
import io.fetchbox.observability.tail.JobLogTailListener;
import io.fetchbox.observability.tail.TailSession;
import io.fetchbox.observability.tail.TailStart;
import io.fetchbox.observability.tail.TailedJobLog;

/**
 * Default {@link JobTenantResolver}: the {@code tenant} field (from MDC) of the job's
 * first log record that carries one. A job without such a record is unknown. Reading
 * stops at that first record and is bounded by a time budget.
 *
 * @since 0.1.0
 */
public final class LogTenantResolver implements JobTenantResolver {

	private final JobLogTail logs;

	private final Duration timeout;

	/**
	 * Create a resolver.
	 * @param logs reads job logs
	 * @param timeout longest time to spend on one lookup
	 */
	public LogTenantResolver(JobLogTail logs, Duration timeout) {
		this.logs = logs;
		this.timeout = timeout;
	}

	@Override
	public Optional<String> tenantOf(String jobId) {
		CompletableFuture<Optional<String>> tenant = new CompletableFuture<>();
		TailSession session = this.logs.tail(jobId, TailStart.beginning(), false, LogLevel.LOG_LEVEL_TRACE,
				new JobLogTailListener() {

					@Override
					public void onRecord(TailedJobLog record) {
						String value = record.log().getFieldsOrDefault(CorrelationKeys.TENANT, "");
						if (!value.isEmpty()) {
							tenant.complete(Optional.of(value));
						}
					}

					@Override
					public void onEnd(@Nullable Throwable error) {
						if (error != null) {
							tenant.completeExceptionally(error);
						}
						tenant.complete(Optional.empty());
					}

				});
		tenant.whenComplete((result, error) -> session.stop());
		try {
			return tenant.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while looking up the tenant of a job", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			session.stop();
			throw new IllegalStateException("Job logs could not be read to find the job's tenant", ex);
		}
	}

}
