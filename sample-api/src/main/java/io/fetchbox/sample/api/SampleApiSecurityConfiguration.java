package io.fetchbox.sample.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security of the sample API: the sample's job API, health and metrics are open, as the
 * sample has no user model (a real FetchBox API puts its own authentication here). The
 * operator endpoints need operator credentials whatever this chain says: the starter's
 * operator filter checks them before Spring Security runs.
 */
@Configuration(proxyBeanMethods = false)
class SampleApiSecurityConfiguration {

	@Bean
	SecurityFilterChain sampleApiSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
