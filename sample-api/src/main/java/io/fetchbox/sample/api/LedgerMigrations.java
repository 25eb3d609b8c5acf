package io.fetchbox.sample.api;

import java.io.IOException;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the versioned ledger scripts {@code classpath:db/ledger/V<n>__<name>.sql} that
 * the database has not seen yet, in version order, each in its own transaction, and
 * records them in {@code ledger_schema_history}. A deliberately small stand-in for Flyway
 * that works on any JDBC database speaking plain SQL.
 */
class LedgerMigrations implements InitializingBean {

	private static final Log logger = LogFactory.getLog(LedgerMigrations.class);

	private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private volatile boolean migrated;

	LedgerMigrations(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public void afterPropertiesSet() throws IOException {
		this.jdbc
			.sql("CREATE TABLE IF NOT EXISTS ledger_schema_history (version INT NOT NULL PRIMARY KEY, "
					+ "script VARCHAR(200) NOT NULL, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)")
			.update();
		List<Integer> applied = this.jdbc.sql("SELECT version FROM ledger_schema_history").query(Integer.class).list();
		Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:db/ledger/V*__*.sql");
		Arrays.sort(scripts, Comparator.comparingInt(LedgerMigrations::version));
		for (Resource script : scripts) {
			int version = version(script);
			if (!applied.contains(version)) {
				apply(version, script);
			}
		}
		this.migrated = true;
	}

	boolean isMigrated() {
		return this.migrated;
	}

	private void apply(int version, Resource script) {
		this.transactions.executeWithoutResult((status) -> {
			Connection connection = DataSourceUtils.getConnection(this.dataSource);
			try {
				ScriptUtils.executeSqlScript(connection, script);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, this.dataSource);
			}
			this.jdbc.sql("INSERT INTO ledger_schema_history (version, script) VALUES (?, ?)")
				.params(version, script.getFilename())
				.update();
		});
		logger.info("Applied ledger migration " + script.getFilename());
	}

	private static int version(Resource script) {
		Matcher matcher = SCRIPT.matcher(String.valueOf(script.getFilename()));
		if (!matcher.matches()) {
			throw new IllegalStateException("Ledger script name must be V<n>__<name>.sql: " + script.getFilename());
		}
		return Integer.parseInt(matcher.group(1));
	}

}
