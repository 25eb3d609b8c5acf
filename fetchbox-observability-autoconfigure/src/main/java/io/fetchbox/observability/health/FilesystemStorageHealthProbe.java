package io.fetchbox.observability.health;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Storage check for a local directory: writes, reads back and deletes a small probe file
 * (a real write, so a read-only or full volume shows DOWN).
 *
 * @since 0.1.0
 */
public class FilesystemStorageHealthProbe implements StorageHealthProbe {

	private final Path directory;

	/**
	 * Create the probe.
	 * @param directory the directory objects are stored in
	 */
	public FilesystemStorageHealthProbe(Path directory) {
		Assert.notNull(directory, "'directory' must not be null");
		this.directory = directory.toAbsolutePath();
	}

	@Override
	public void probe(Health.Builder builder) throws Exception {
		builder.withDetail("type", "filesystem").withDetail("directory", this.directory.toString());
		if (!Files.isDirectory(this.directory)) {
			builder.down().withDetail("error", "directory does not exist");
			return;
		}
		Path probe = Files.createTempFile(this.directory, ".fetchbox-health-", ".tmp");
		try {
			byte[] content = "fetchbox".getBytes(StandardCharsets.US_ASCII);
			Files.write(probe, content);
			if (Files.readAllBytes(probe).length != content.length) {
				builder.down().withDetail("error", "probe file read back incomplete");
				return;
			}
		}
		finally {
			Files.deleteIfExists(probe);
		}
		builder.up();
	}

}
