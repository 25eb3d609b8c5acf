package io.fetchbox.observability.metrics;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * {@code fetchbox_api_requests_total{status,route}}, recorded by the starter for every
 * request ({@link ApiRequestMetricsFilter}). Both tags come from bounded sets:
 * <ul>
 * <li>{@code route} is the matched route template ({@code /jobs/{jobId}}), or
 * {@value #UNMATCHED} when no handler matched, never the raw path. Templates are bounded
 * by the application's handlers; as a safety net, after 500 distinct templates new ones
 * are tagged {@value #OTHER_ROUTE}.</li>
 * <li>{@code status} is the HTTP status for the common codes and its class ({@code 4xx})
 * for the others.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class ApiRequestMetrics implements MeterBinder {

	/** Route of requests no handler matched (404s). */
	public static final String UNMATCHED = "UNMATCHED";

	/** Route of requests beyond the distinct-template limit. */
	public static final String OTHER_ROUTE = "OTHER";

	private static final int MAX_ROUTES = 500;

	private static final int[] KNOWN_STATUSES = { 200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403,
			404, 405, 406, 409, 410, 412, 413, 415, 422, 429, 500, 501, 502, 503, 504 };

	/** The {@code status} tag of every status from 100 to 599, built once. */
	private static final String[] STATUS_TAGS = statusTags();

	private final FamilyExport export = FamilyExport.always();

	private final CounterFamily<RequestKey> requests = new CounterFamily<>(this.export, FetchboxMeter.API_REQUESTS,
			(key) -> Tags.of("status", key.status(), "route", key.route()));

	private final Set<String> routes = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * Count a completed request.
	 * @param status the response status
	 * @param route the matched route template, or {@code null} when no handler matched
	 */
	public void record(int status, @Nullable String route) {
		this.requests.increment(new RequestKey(status(status), route(route)));
	}

	static String status(int status) {
		return (status >= 100 && status < 600) ? STATUS_TAGS[status - 100] : "other";
	}

	private static String[] statusTags() {
		String[] tags = new String[500];
		for (int status = 100; status < 600; status++) {
			tags[status - 100] = (status / 100) + "xx";
		}
		for (int status : KNOWN_STATUSES) {
			tags[status - 100] = Integer.toString(status);
		}
		return tags;
	}

	private String route(@Nullable String route) {
		if (route == null || route.isEmpty()) {
			return UNMATCHED;
		}
		if (this.routes.contains(route)) {
			return route;
		}
		synchronized (this.routes) {
			if (this.routes.size() >= MAX_ROUTES && !this.routes.contains(route)) {
				return OTHER_ROUTE;
			}
			this.routes.add(route);
			return route;
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.export.bindTo(registry);
	}

	private record RequestKey(String status, String route) {
	}

}
