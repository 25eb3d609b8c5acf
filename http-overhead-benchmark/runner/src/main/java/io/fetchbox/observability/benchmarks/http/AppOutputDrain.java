package io.fetchbox.observability.benchmarks.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an app's stdout and stderr from a pipe, the way a container runtime does, so that
 * every variant's log lines cost it what they cost in a container: a write into a pipe.
 * The first {@code keepBytes} go to a file (startup lines, errors); the rest is counted
 * and dropped. A file as the apps' stdout would charge them what an append costs, which
 * depends on the state of the page cache: on ext4 with Linux 6.18 the same 720-byte
 * append measured 0.9 µs of system time in one run and up to 2.8 µs in another, once the
 * file had grown past a few hundred MB, which a variant logging more bytes reaches
 * sooner.
 */
final class AppOutputDrain implements Runnable {

	private final InputStream output;

	private final Path file;

	private final long keepBytes;

	private volatile long bytes;

	private AppOutputDrain(Process process, Path file, long keepBytes) {
		this.output = process.getInputStream();
		this.file = file;
		this.keepBytes = keepBytes;
	}

	/**
	 * Start draining a process's output on a daemon thread.
	 * @param process the process, started with its output on a pipe
	 * @param file where the first bytes go
	 * @param keepBytes how many bytes to keep in the file
	 * @return the drain
	 */
	static AppOutputDrain start(Process process, Path file, long keepBytes) {
		AppOutputDrain drain = new AppOutputDrain(process, file, keepBytes);
		Thread thread = new Thread(drain, "drain-" + file.getFileName());
		thread.setDaemon(true);
		thread.start();
		return drain;
	}

	/**
	 * How many bytes the app has written so far.
	 * @return the byte count
	 */
	long bytes() {
		return this.bytes;
	}

	@Override
	public void run() {
		byte[] buffer = new byte[64 * 1024];
		long count = 0;
		OutputStream kept = open();
		try (InputStream in = this.output) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				if (kept != null && count < this.keepBytes) {
					// Unbuffered: the runner reads Boot's "Started" line from the file.
					kept = write(kept, buffer, (int) Math.min(read, this.keepBytes - count));
				}
				count += read;
				this.bytes = count;
			}
		}
		catch (IOException ex) {
			// The JDK closes the pipe when the process exits.
		}
		finally {
			close(kept);
		}
	}

	/** The kept file, or {@code null} if it cannot be written. */
	private OutputStream open() {
		try {
			return Files.newOutputStream(this.file);
		}
		catch (IOException ex) {
			System.err.println("Cannot keep the app's output in " + this.file + ": " + ex);
			return null;
		}
	}

	/** Write to the kept file; on failure, go on draining without it ({@code null}). */
	private OutputStream write(OutputStream kept, byte[] buffer, int length) {
		try {
			kept.write(buffer, 0, length);
			return kept;
		}
		catch (IOException ex) {
			System.err.println("Stopped keeping the app's output in " + this.file + ": " + ex);
			close(kept);
			return null;
		}
	}

	private static void close(OutputStream kept) {
		if (kept != null) {
			try {
				kept.close();
			}
			catch (IOException ex) {
				// nothing left to keep
			}
		}
	}

}
