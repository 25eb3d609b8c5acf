package io.fetchbox.sample.api;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.fetchbox.observability.iggy.IggyTopology;
import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.jobs.TaskPublishing;
import io.fetchbox.observability.metrics.ApiMetrics;
import io.fetchbox.observability.metrics.LedgerMetrics;
import io.fetchbox.observability.metrics.QueueMetrics;

/**
 * Wiring of the sample API.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleApiProperties.class)
class SampleApiConfiguration {

	@Bean
	TransactionTemplate ledgerTransactions(PlatformTransactionManager transactionManager) {
		return new TransactionTemplate(transactionManager);
	}

	@Bean
	LedgerMigrations ledgerMigrations(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {
		return new LedgerMigrations(dataSource, jdbc, transactions);
	}

	@Bean
	JobLedger jobLedger(JdbcClient jdbc, TransactionTemplate transactions, LedgerMigrations migrations) {
		return new JobLedger(jdbc, transactions);
	}

	@Bean
	JobRequestValidator jobRequestValidator(SampleApiProperties properties) {
		return new JobRequestValidator(properties);
	}

	@Bean
	LedgerEvents ledgerEvents(ApiMetrics api, LedgerMetrics ledger, QueueMetrics queue, IggyTopology topology,
			SampleApiProperties properties) {
		return new LedgerEvents(api, ledger, queue, topology.status().name(), properties.getStatusGroup());
	}

	@Bean
	FilterRegistrationBean<OperatorRequestCounter> operatorRequestCounter(LedgerEvents events) {
		FilterRegistrationBean<OperatorRequestCounter> registration = new FilterRegistrationBean<>(
				new OperatorRequestCounter(events));
		registration.addUrlPatterns("/operator/*");
		// Ahead of Spring Security, so unauthorised attempts count too.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	TaskPublisher taskPublisher(SupervisedIggyClient client, IggyTopology topology, TaskPublishing publishing) {
		return new TaskPublisher(client, topology, publishing);
	}

	@Bean
	LedgerUpdater ledgerUpdater(SupervisedIggyClient client, IggyTopology topology, JobLedger ledger,
			LedgerEvents events, SampleApiProperties properties) {
		return new LedgerUpdater(client, topology, ledger, events, properties);
	}

}
