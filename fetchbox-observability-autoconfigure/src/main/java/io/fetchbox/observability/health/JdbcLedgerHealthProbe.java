package io.fetchbox.observability.health;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Ledger check over JDBC: a connection is valid ({@link Connection#isValid}) and the
 * expected tables exist (the schema is migrated). A missing table is DOWN with a detail
 * naming it.
 *
 * @since 0.1.0
 */
public class JdbcLedgerHealthProbe implements LedgerHealthProbe {

	private final DataSource dataSource;

	private final @Nullable String schema;

	private final List<String> tables;

	private final int validationTimeoutSeconds;

	/**
	 * Create the probe.
	 * @param dataSource the ledger's data source
	 * @param schema the schema the tables live in, or {@code null} for any
	 * @param tables the tables a migrated ledger has
	 * @param validationTimeout bound of the connection validity check
	 */
	public JdbcLedgerHealthProbe(DataSource dataSource, @Nullable String schema, List<String> tables,
			Duration validationTimeout) {
		Assert.notNull(dataSource, "'dataSource' must not be null");
		Assert.notNull(tables, "'tables' must not be null");
		this.dataSource = dataSource;
		this.schema = schema;
		this.tables = List.copyOf(tables);
		this.validationTimeoutSeconds = (int) Math.max(1, validationTimeout.toSeconds());
	}

	@Override
	public void probe(Health.Builder builder) throws Exception {
		builder.withDetail("type", "jdbc");
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			builder.withDetail("database", metaData.getDatabaseProductName());
			if (!connection.isValid(this.validationTimeoutSeconds)) {
				builder.down().withDetail("error", "connection is not valid");
				return;
			}
			List<String> missing = new ArrayList<>();
			for (String table : this.tables) {
				if (!tableExists(metaData, table)) {
					missing.add(table);
				}
			}
			if (!missing.isEmpty()) {
				builder.down()
					.withDetail("error", "missing table(s): " + String.join(", ", missing))
					.withDetail("missingTables", missing);
				return;
			}
			builder.up().withDetail("tables", this.tables);
		}
	}

	private boolean tableExists(DatabaseMetaData metaData, String table) throws Exception {
		// Identifier case differs between databases: try as given, upper and lower case.
		for (String candidate : new String[] { table, table.toUpperCase(Locale.ROOT),
				table.toLowerCase(Locale.ROOT) }) {
			String schemaPattern = (this.schema != null) ? caseLike(this.schema, candidate, table) : null;
			try (ResultSet tables = metaData.getTables(null, schemaPattern, candidate,
					new String[] { "TABLE", "BASE TABLE" })) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

	private static String caseLike(String schema, String candidate, String table) {
		if (candidate.equals(table)) {
			return schema;
		}
		return candidate.equals(table.toUpperCase(Locale.ROOT)) ? schema.toUpperCase(Locale.ROOT)
				: schema.toLowerCase(Locale.ROOT);
	}

}
