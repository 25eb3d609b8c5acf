package io.fetchbox.observability.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which paths get no access line: the exclude patterns decide as Ant patterns, also when
 * most requests are turned away by the patterns' literal prefixes.
 */
class AccessLogFilterTests {

	private final AccessLogFilter filter = new AccessLogFilter(
			List.of("/actuator/health/**", "/actuator/prometheus", "/health/**", "/livez", "/static/*.css"));

	@Test
	void excludedPathsHaveNoAccessLine() {
		assertThat(skipped("/actuator/health")).isTrue();
		assertThat(skipped("/actuator/health/readiness")).isTrue();
		assertThat(skipped("/actuator/prometheus")).isTrue();
		assertThat(skipped("/health/live")).isTrue();
		assertThat(skipped("/livez")).isTrue();
		assertThat(skipped("/static/site.css")).isTrue();
	}

	@Test
	void otherPathsAreLogged() {
		assertThat(skipped("/hello")).isFalse();
		assertThat(skipped("/actuator/healthy")).isFalse();
		assertThat(skipped("/actuator/prometheusx")).isFalse();
		assertThat(skipped("/livez/extra")).isFalse();
		assertThat(skipped("/static/site.js")).isFalse();
		assertThat(skipped("/")).isFalse();
	}

	@Test
	void emptySegmentsMatchAsTheAntMatcherDecides() {
		// AntPathMatcher ignores empty segments: "//health//live" is "/health/live".
		assertThat(skipped("//health//live")).isTrue();
		assertThat(skipped("//actuator/health")).isTrue();
	}

	@Test
	void pathsAreTakenWithinTheContextPath() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app/livez");
		request.setContextPath("/app");
		assertThat(this.filter.shouldNotFilter(request)).isTrue();
	}

	@Test
	void literalPrefixStopsAtTheFirstWildcard() {
		assertThat(AccessLogFilter.literalPrefix("/actuator/health/**")).isEqualTo("/actuator/health");
		assertThat(AccessLogFilter.literalPrefix("/static/*.css")).isEqualTo("/static");
		assertThat(AccessLogFilter.literalPrefix("/jobs/{id}")).isEqualTo("/jobs");
		assertThat(AccessLogFilter.literalPrefix("/livez")).isEqualTo("/livez");
		assertThat(AccessLogFilter.literalPrefix("/**")).isEmpty();
	}

	private boolean skipped(String path) {
		return this.filter.shouldNotFilter(new MockHttpServletRequest("GET", path));
	}

}
