package io.fetchbox.observability.autoconfigure.health;

import javax.sql.DataSource;

import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fetchbox.observability.health.FilesystemStorageHealthProbe;
import io.fetchbox.observability.health.JdbcLedgerHealthProbe;
import io.fetchbox.observability.health.LedgerHealthProbe;
import io.fetchbox.observability.health.S3StorageHealthProbe;
import io.fetchbox.observability.health.StorageHealthProbe;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the storage and ledger probes
 * the starter ships: S3 (with the application's {@link S3Client} and
 * {@code fetchbox.telemetry.health.storage.s3-bucket}), filesystem
 * ({@code fetchbox.telemetry.health.storage.directory}) and JDBC (the application's
 * {@link DataSource}). A service's own {@link StorageHealthProbe} or
 * {@link LedgerHealthProbe} bean replaces them.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@ConditionalOnClass(Health.class)
@EnableConfigurationProperties(FetchboxHealthProperties.class)
public final class FetchboxHealthProbesAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(S3Client.class)
	@ConditionalOnBean(S3Client.class)
	@ConditionalOnProperty(FetchboxHealthProperties.PREFIX + ".storage.s3-bucket")
	static class S3StorageProbeConfiguration {

		@Bean
		@ConditionalOnMissingBean(StorageHealthProbe.class)
		S3StorageHealthProbe s3StorageHealthProbe(S3Client client, FetchboxHealthProperties properties) {
			return new S3StorageHealthProbe(client, properties.getStorage().getS3Bucket());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(FetchboxHealthProperties.PREFIX + ".storage.directory")
	static class FilesystemStorageProbeConfiguration {

		@Bean
		@ConditionalOnMissingBean(StorageHealthProbe.class)
		FilesystemStorageHealthProbe filesystemStorageHealthProbe(FetchboxHealthProperties properties) {
			return new FilesystemStorageHealthProbe(properties.getStorage().getDirectory());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DataSource.class)
	static class JdbcLedgerProbeConfiguration {

		@Bean
		@ConditionalOnMissingBean(LedgerHealthProbe.class)
		JdbcLedgerHealthProbe jdbcLedgerHealthProbe(DataSource dataSource, FetchboxHealthProperties properties) {
			return new JdbcLedgerHealthProbe(dataSource, properties.getLedger().getSchema(),
					properties.getLedger().getTables(), properties.getTimeout());
		}

	}

}
