package io.fetchbox.observability.autoconfigure.health;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Health check properties ({@code fetchbox.telemetry.health.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(FetchboxHealthProperties.PREFIX)
public class FetchboxHealthProperties {

	/** Prefix of the health properties. */
	public static final String PREFIX = "fetchbox.telemetry.health";

	/**
	 * Time budget of each readiness check; a check without an answer by then is DOWN.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	private final Storage storage = new Storage();

	private final Ledger ledger = new Ledger();

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("'fetchbox.telemetry.health.timeout' must be positive");
		}
		this.timeout = timeout;
	}

	public Storage getStorage() {
		return this.storage;
	}

	public Ledger getLedger() {
		return this.ledger;
	}

	/**
	 * Storage check properties ({@code fetchbox.telemetry.health.storage.*}).
	 */
	public static class Storage {

		/**
		 * S3 bucket checked with HeadBucket through the application's S3Client bean.
		 */
		private @Nullable String s3Bucket;

		/**
		 * Directory checked by writing and deleting a probe file, when no S3 bucket is
		 * set.
		 */
		private @Nullable Path directory;

		public @Nullable String getS3Bucket() {
			return this.s3Bucket;
		}

		public void setS3Bucket(@Nullable String s3Bucket) {
			this.s3Bucket = s3Bucket;
		}

		public @Nullable Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable Path directory) {
			this.directory = directory;
		}

	}

	/**
	 * Ledger check properties ({@code fetchbox.telemetry.health.ledger.*}).
	 */
	public static class Ledger {

		/**
		 * Database schema of the ledger tables. Empty matches any schema.
		 */
		private @Nullable String schema;

		/**
		 * Comma-separated list of tables a migrated ledger has; each missing one makes
		 * the check DOWN.
		 */
		private List<String> tables = new ArrayList<>();

		public @Nullable String getSchema() {
			return this.schema;
		}

		public void setSchema(@Nullable String schema) {
			this.schema = (schema != null && !schema.isBlank()) ? schema.trim() : null;
		}

		public List<String> getTables() {
			return this.tables;
		}

		public void setTables(List<String> tables) {
			for (String table : tables) {
				if (table == null || table.isBlank()) {
					throw new IllegalArgumentException(
							"'fetchbox.telemetry.health.ledger.tables' must not contain empty names");
				}
			}
			this.tables = new ArrayList<>(tables.stream().map(String::trim).toList());
		}

	}

}
