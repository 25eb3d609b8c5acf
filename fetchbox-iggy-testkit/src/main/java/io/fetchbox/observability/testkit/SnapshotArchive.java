package io.fetchbox.observability.testkit;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * GET_SNAPSHOT_FILE's zip archive. Like the real server it holds one {@code <type>.txt}
 * entry per requested type ({@code filesystem_overview}, {@code process_list},
 * {@code resource_usage}, {@code test}, {@code server_logs}, {@code server_config}; type
 * 100 means all but {@code test}), with the same validation (an unknown compression or
 * type, or "all" next to another type, is InvalidCommand). The contents are the testkit's
 * own equivalents of the server's shell commands, taken from the JVM. The JDK writes only
 * Stored (1) and Deflated (2) entries: for Bzip2, Zstd, LZMA and XZ (3..6) the testkit
 * answers the server's own error for an archive it could not complete,
 * SnapshotFileCompletionFailed (9000).
 */
final class SnapshotArchive {

	private static final int STORED = 1;

	private static final int DEFLATED = 2;

	private static final int LAST_COMPRESSION = 6;

	private static final int ALL = 100;

	private static final String[] NAMES = { "", "filesystem_overview", "process_list", "resource_usage", "test",
			"server_logs", "server_config" };

	private final Broker broker;

	SnapshotArchive(Broker broker) {
		this.broker = broker;
	}

	byte[] build(int compression, int[] types) {
		if (compression < STORED || compression > LAST_COMPRESSION) {
			throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
		}
		Set<Integer> requested = new LinkedHashSet<>();
		for (int type : types) {
			if (type != ALL && (type < 1 || type >= NAMES.length)) {
				throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
			}
			requested.add(type);
		}
		if (requested.contains(ALL)) {
			if (types.length > 1) {
				throw new IggyErrorException(IggyErrors.INVALID_COMMAND);
			}
			requested = new LinkedHashSet<>(java.util.List.of(1, 2, 3, 5, 6));
		}
		if (compression != STORED && compression != DEFLATED) {
			throw new IggyErrorException(IggyErrors.SNAPSHOT_FILE_COMPLETION_FAILED);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (int type : requested) {
				byte[] content = content(type).getBytes(StandardCharsets.UTF_8);
				ZipEntry entry = new ZipEntry(NAMES[type] + ".txt");
				if (compression == STORED) {
					CRC32 crc = new CRC32();
					crc.update(content);
					entry.setMethod(ZipEntry.STORED);
					entry.setSize(content.length);
					entry.setCompressedSize(content.length);
					entry.setCrc(crc.getValue());
				}
				zip.putNextEntry(entry);
				zip.write(content);
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private String content(int type) {
		StringBuilder out = new StringBuilder();
		switch (type) {
			case 1 -> {
				out.append("=== File systems ===\n");
				for (File root : File.listRoots()) {
					out.append(root)
						.append(" total=")
						.append(root.getTotalSpace())
						.append(" free=")
						.append(root.getFreeSpace())
						.append('\n');
				}
			}
			case 2 -> {
				out.append("=== Process List ===\n");
				ProcessHandle.allProcesses()
					.forEach(
							(p) -> out.append(p.pid()).append(' ').append(p.info().command().orElse("?")).append('\n'));
			}
			case 3 -> {
				Runtime rt = Runtime.getRuntime();
				out.append("processors=").append(rt.availableProcessors()).append('\n');
				out.append("memory_used=").append(rt.totalMemory() - rt.freeMemory()).append('\n');
				out.append("memory_max=").append(rt.maxMemory()).append('\n');
				out.append("threads=").append(Thread.activeCount()).append('\n');
			}
			case 4 -> out.append("test\n");
			case 5 -> out.append("fetchbox-iggy-testkit writes no log files\n");
			default -> {
				out.append("[testkit]\n");
				out.append("tcp_address = \"")
					.append(this.broker.host)
					.append(':')
					.append(this.broker.port)
					.append("\"\n");
				out.append("server_version = \"0.8.0\"\n");
			}
		}
		return out.toString();
	}

}
