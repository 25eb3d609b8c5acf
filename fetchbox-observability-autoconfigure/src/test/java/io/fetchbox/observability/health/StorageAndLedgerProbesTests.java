package io.fetchbox.observability.health;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.fetchbox.observability.testkit.ClosedPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped storage and ledger probes against real components: S3Mock in-process
 * (spoken to with the AWS SDK), an H2 file database, a real directory.
 */
class StorageAndLedgerProbesTests {

	// S3Mock is a Spring Boot application on this class path: keep the optional Spring
	// Security and this starter's Iggy client out of it.
	@RegisterExtension
	static final S3MockExtension s3 = S3MockExtension.builder()
		.withProperty("spring.autoconfigure.exclude", String.join(",",
				"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"io.fetchbox.observability.autoconfigure.iggy.IggyAutoConfiguration"))
		.silent()
		.withSecureConnection(false)
		.withHttpPort(0)
		.withInitialBuckets("objects")
		.build();

	@TempDir
	Path temp;

	@Test
	void s3ProbeIsUpWhenBucketIsReachable() throws Exception {
		try (S3Client client = s3.createS3ClientV2()) {
			Health health = check(new S3StorageHealthProbe(client, "objects"));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("bucket", "objects");
		}
	}

	@Test
	void s3ProbeIsDownWhenBucketIsMissing() throws Exception {
		try (S3Client client = s3.createS3ClientV2()) {
			Health health = check(new S3StorageHealthProbe(client, "no-such-bucket"));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("error").toString()).contains("no-such-bucket");
		}
	}

	@Test
	void s3ProbeIsDownWhenStorageIsUnreachable() throws Exception {
		try (ClosedPort closedPort = ClosedPort.reserve();
				S3Client client = S3Client.builder()
					.endpointOverride(URI.create("http://" + closedPort.address()))
					.region(Region.US_EAST_1)
					.forcePathStyle(true)
					.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
					.overrideConfiguration((config) -> config.apiCallTimeout(Duration.ofSeconds(2)))
					.build()) {
			assertThat(check(new S3StorageHealthProbe(client, "objects")).getStatus()).isEqualTo(Status.DOWN);
		}
	}

	@Test
	void filesystemProbeWritesAndDeletes() throws Exception {
		Health health = check(new FilesystemStorageHealthProbe(this.temp));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		try (var files = Files.list(this.temp)) {
			assertThat(files).isEmpty();
		}
		assertThat(check(new FilesystemStorageHealthProbe(this.temp.resolve("missing"))).getStatus())
			.isEqualTo(Status.DOWN);
	}

	@Test
	void ledgerProbeIsUpWhenMigratedAndNamesMissingTables() throws Exception {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:file:" + this.temp.resolve("ledger"));
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE jobs (job_id VARCHAR(64) PRIMARY KEY)");
		}
		Health up = check(new JdbcLedgerHealthProbe(dataSource, null, List.of("jobs"), Duration.ofSeconds(1)));
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsEntry("database", "H2");

		Health missing = check(
				new JdbcLedgerHealthProbe(dataSource, "public", List.of("jobs", "job_logs"), Duration.ofSeconds(1)));
		assertThat(missing.getStatus()).isEqualTo(Status.DOWN);
		assertThat(missing.getDetails().get("error").toString()).contains("job_logs").doesNotContain("jobs,");
		assertThat(missing.getDetails()).containsEntry("missingTables", List.of("job_logs"));
	}

	private static Health check(HealthProbe probe) {
		ParallelHealthProbes probes = new ParallelHealthProbes(Duration.ofSeconds(10));
		try {
			return new BudgetedHealthIndicator("probe", probe, probes).health();
		}
		finally {
			probes.close();
		}
	}

}
