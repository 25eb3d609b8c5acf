package io.fetchbox.observability.health;

/**
 * SPI: the readiness check of the object storage a worker writes to. The starter ships
 * {@link S3StorageHealthProbe} and {@link FilesystemStorageHealthProbe}; a service plugs
 * its own by defining a bean of this type.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface StorageHealthProbe extends HealthProbe {

}
