package io.fetchbox.observability.operator;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Records, for requests that carry {@link #HEADER}, which threads change the response's
 * status and headers or commit it. Registered ahead of every other filter, so it sees
 * what Spring Security, Spring MVC and the log stream do to the container's response.
 */
final class ResponseWriteRecorder extends HttpFilter {

	/** Request header whose value names the recording. */
	static final String HEADER = "X-Record-Response-Writes";

	private static final Map<String, Recording> recordings = new ConcurrentHashMap<>();

	/**
	 * What was recorded for one request.
	 *
	 * @param requestThread the thread that entered the filter chain
	 * @param writes thread and operation of every change made before the response was
	 * committed, and of the commit
	 */
	record Recording(String requestThread, List<Write> writes) {
	}

	/**
	 * One change to the response.
	 *
	 * @param thread the thread that made it
	 * @param operation {@code header <name>}, {@code status} or {@code commit}
	 */
	record Write(String thread, String operation) {
	}

	static Recording recording(String name) {
		return recordings.get(name);
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String name = request.getHeader(HEADER);
		if (name == null || request.getDispatcherType() != jakarta.servlet.DispatcherType.REQUEST) {
			chain.doFilter(request, response);
			return;
		}
		Recording recording = new Recording(Thread.currentThread().getName(), new CopyOnWriteArrayList<>());
		recordings.put(name, recording);
		chain.doFilter(request, new RecordingResponse(response, recording.writes()));
	}

	private static final class RecordingResponse extends HttpServletResponseWrapper {

		private final List<Write> writes;

		private ServletOutputStream outputStream;

		RecordingResponse(HttpServletResponse response, List<Write> writes) {
			super(response);
			this.writes = writes;
		}

		private void change(String operation, Runnable change) {
			if (!isCommitted()) {
				this.writes.add(new Write(Thread.currentThread().getName(), operation));
			}
			change.run();
		}

		private void body(IoAction action) throws IOException {
			boolean committed = isCommitted();
			action.run();
			if (!committed && isCommitted()) {
				this.writes.add(new Write(Thread.currentThread().getName(), "commit"));
			}
		}

		@Override
		public void setHeader(String name, String value) {
			change("header " + name, () -> super.setHeader(name, value));
		}

		@Override
		public void addHeader(String name, String value) {
			change("header " + name, () -> super.addHeader(name, value));
		}

		@Override
		public void setIntHeader(String name, int value) {
			change("header " + name, () -> super.setIntHeader(name, value));
		}

		@Override
		public void addIntHeader(String name, int value) {
			change("header " + name, () -> super.addIntHeader(name, value));
		}

		@Override
		public void setDateHeader(String name, long date) {
			change("header " + name, () -> super.setDateHeader(name, date));
		}

		@Override
		public void addDateHeader(String name, long date) {
			change("header " + name, () -> super.addDateHeader(name, date));
		}

		@Override
		public void setContentType(String type) {
			change("header Content-Type", () -> super.setContentType(type));
		}

		@Override
		public void setCharacterEncoding(String charset) {
			change("header Content-Type", () -> super.setCharacterEncoding(charset));
		}

		@Override
		public void setStatus(int status) {
			change("status", () -> super.setStatus(status));
		}

		@Override
		public void flushBuffer() throws IOException {
			body(super::flushBuffer);
		}

		@Override
		public synchronized ServletOutputStream getOutputStream() throws IOException {
			if (this.outputStream == null) {
				ServletOutputStream delegate = super.getOutputStream();
				this.outputStream = new ServletOutputStream() {

					@Override
					public boolean isReady() {
						return delegate.isReady();
					}

					@Override
					public void setWriteListener(WriteListener listener) {
						delegate.setWriteListener(listener);
					}

					@Override
					public void write(int b) throws IOException {
						body(() -> delegate.write(b));
					}

					@Override
					public void write(byte[] bytes, int offset, int length) throws IOException {
						body(() -> delegate.write(bytes, offset, length));
					}

					@Override
					public void flush() throws IOException {
						body(delegate::flush);
					}

					@Override
					public void close() throws IOException {
						body(delegate::close);
					}

				};
			}
			return this.outputStream;
		}

	}

	@FunctionalInterface
	private interface IoAction {

		void run() throws IOException;

	}

}
