package io.fetchbox.observability.health;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service with a ledger (H2 file), local storage and Iggy, for the metrics and health
 * tests.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
public class ProbedApplication {

	@Bean
	DataSource ledgerDataSource(@Value("${test.ledger.url}") String url) throws Exception {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL(url);
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS jobs (job_id VARCHAR(64) PRIMARY KEY)");
		}
		return dataSource;
	}

	@RestController
	static class JobsController {

		@GetMapping("/jobs/{jobId}")
		String job(@PathVariable String jobId) {
			return jobId;
		}

	}

}
