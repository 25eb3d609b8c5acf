package io.fetchbox.observability.logging;

/**
 * MDC keys and JSON field names for correlation, shared by stdout JSON logs, the
 * {@code jobs.logs} appender and the operator tools (PRODUCT.md section 3). Values are
 * written to MDC under these exact names, so the JSON line and the {@code JobLog} fields
 * agree without any renaming.
 *
 * @since 0.1.0
 */
public final class CorrelationKeys {

	/**
	 * MDC key under which Micrometer Tracing puts the current trace id; the JSON encoder
	 * renames it to {@link #TRACE_ID}.
	 */
	public static final String MDC_TRACE_ID = "traceId";

	/**
	 * MDC key under which Micrometer Tracing puts the current span id; the JSON encoder
	 * renames it to {@link #SPAN_ID}.
	 */
	public static final String MDC_SPAN_ID = "spanId";

	/** W3C trace id (32 lowercase hex). */
	public static final String TRACE_ID = "trace_id";

	/** W3C span id (16 lowercase hex). */
	public static final String SPAN_ID = "span_id";

	/** Per-request id, from a well-formed {@code X-Request-ID} or freshly generated. */
	public static final String REQUEST_ID = "request_id";

	/** FetchBox job id; a log event carrying it is shipped to {@code jobs.logs}. */
	public static final String JOB_ID = "job_id";

	/** FetchBox job type. */
	public static final String JOB_TYPE = "job_type";

	/** Tenant owning the job. */
	public static final String TENANT = "tenant";

	/** Resource within a job. */
	public static final String RESOURCE_ID = "resource_id";

	/** Authenticated user, when known. */
	public static final String USER_ID = "user_id";

	private CorrelationKeys() {
	}

}
