package io.fetchbox.observability.testkit;

import java.nio.file.Path;

/**
 * File-backed persistence (placeholder until implemented).
 */
final class FileJournal implements Journal {

	static FileJournal open(Path dir, Broker broker) {
		FileJournal journal = new FileJournal();
		broker.journal(journal);
		return journal;
	}

	void flush() {
	}

	void close() {
	}

}
