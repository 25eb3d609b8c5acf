package io.fetchbox.observability.operator;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fetchbox.observability.tail.InMemoryTopicReader;
import io.fetchbox.observability.tail.JobTailer;
import io.fetchbox.observability.tail.TailSettings;

/**
 * The operator endpoint's log store for tests that are not about Iggy: an in-memory
 * {@code jobs.logs} topic behind the real tailer.
 */
@Configuration(proxyBeanMethods = false)
class InMemoryJobLogs {

	@Bean
	InMemoryTopicReader inMemoryJobsLogs() {
		return new InMemoryTopicReader("jobs.logs", 4);
	}

	@Bean(destroyMethod = "close")
	JobTailer operatorJobTailer(InMemoryTopicReader inMemoryJobsLogs) {
		return new JobTailer(inMemoryJobsLogs, new TailSettings(200, Duration.ofMillis(10), Duration.ofMillis(500), 4));
	}

}
