package io.fetchbox.observability.health;

/**
 * SPI: the readiness check of the job ledger (open and migrated). The starter ships
 * {@link JdbcLedgerHealthProbe}; a service plugs its own by defining a bean of this type.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LedgerHealthProbe extends HealthProbe {

}
