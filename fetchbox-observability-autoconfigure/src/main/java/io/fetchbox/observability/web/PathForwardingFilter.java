package io.fetchbox.observability.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Serves fixed paths by forwarding them, inside the server, to other paths: FetchBox's
 * {@code /health/live}, {@code /health/ready} and {@code /metrics} are Actuator endpoints
 * under another name (Actuator's additional paths take one segment only). Everything else
 * passes through untouched. Targets are resolved lazily, on first use, because endpoint
 * paths are known only once Actuator is configured. Register it for
 * {@link #urlPatterns(String...) its paths' URL patterns} so that the container leaves it
 * out of every other request's filter chain.
 *
 * @since 0.1.0
 */
public class PathForwardingFilter extends HttpRequestFilter {

	private final Supplier<Map<String, String>> routes;

	private volatile @Nullable Map<String, String> resolved;

	/**
	 * Create the filter.
	 * @param routes supplies the map of request path (without context path) to target
	 * path (context-relative); a missing target means 404 as usual
	 */
	public PathForwardingFilter(Supplier<Map<String, String>> routes) {
		Assert.notNull(routes, "'routes' must not be null");
		this.routes = routes;
	}

	/**
	 * The servlet URL patterns that match the given paths, with or without a trailing
	 * slash: the container then runs the filter for these requests only.
	 * @param paths the forwarded request paths (without context path)
	 * @return the exact-match URL patterns
	 */
	public static List<String> urlPatterns(String... paths) {
		List<String> patterns = new ArrayList<>(paths.length * 2);
		for (String path : paths) {
			Assert.isTrue(path.startsWith("/") && path.length() > 1 && !path.endsWith("/") && !path.contains("*"),
					() -> "'" + path + "' is not a plain path");
			patterns.add(path);
			patterns.add(path + "/");
		}
		return patterns;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String target = routes().get(pathWithinContext(request));
		if (target != null) {
			request.getRequestDispatcher(target).forward(request, response);
			return;
		}
		chain.doFilter(request, response);
	}

	private Map<String, String> routes() {
		Map<String, String> routes = this.resolved;
		if (routes == null) {
			routes = Map.copyOf(this.routes.get());
			this.resolved = routes;
		}
		return routes;
	}

	private static String pathWithinContext(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		String path = (contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath))
				? uri.substring(contextPath.length()) : uri;
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

}
