package io.fetchbox.sample.worker;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Stores objects as files under a directory; each write goes to a temporary file first
 * and is moved into place, so a crash never leaves a half-written object.
 */
class LocalObjectStorage implements ObjectStorage {

	private final Path root;

	LocalObjectStorage(Path root) {
		this.root = root.toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.root);
		}
		catch (IOException ex) {
			// Readiness reports it (the storage probe); writes fail with a clear message.
		}
	}

	Path root() {
		return this.root;
	}

	@Override
	public String put(String key, byte[] body, String contentType) throws DownloadFailure {
		Path target = this.root.resolve(key).normalize();
		if (!target.startsWith(this.root)) {
			throw new DownloadFailure("invalid_key", "Object key escapes the storage directory", false);
		}
		try {
			Files.createDirectories(target.getParent());
			Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
			Files.write(temp, body);
			try {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			return target.toString();
		}
		catch (IOException ex) {
			throw new DownloadFailure("storage_io", "Could not write " + target + ": " + ex.getMessage(), true, ex);
		}
	}

}
