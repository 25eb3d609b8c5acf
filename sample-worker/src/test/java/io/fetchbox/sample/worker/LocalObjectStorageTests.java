package io.fetchbox.sample.worker;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalObjectStorageTests {

	@TempDir
	Path root;

	@Test
	void storesUnderTenantJobResourceAndReplaces() throws Exception {
		LocalObjectStorage storage = new LocalObjectStorage(this.root);
		String key = ObjectStorage.key("acme", "job-1", "r1");
		storage.put(key, "one".getBytes(), "text/plain");
		storage.put(key, "two".getBytes(), "text/plain");
		assertThat(Files.readString(this.root.resolve("acme/job-1/r1"))).isEqualTo("two");
		try (var files = Files.list(this.root.resolve("acme/job-1"))) {
			assertThat(files).hasSize(1);
		}
	}

	@Test
	void hostileSegmentsCannotEscapeTheDirectory() throws Exception {
		String key = ObjectStorage.key("..", "../../etc", "passwd/../x");
		assertThat(key).isEqualTo("_../.._.._etc/passwd_.._x");
		new LocalObjectStorage(this.root).put(key, "x".getBytes(), "text/plain");
		assertThat(this.root.resolve(key).normalize()).startsWith(this.root);
	}

}
