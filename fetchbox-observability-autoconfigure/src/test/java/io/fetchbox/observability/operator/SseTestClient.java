package io.fetchbox.observability.operator;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A minimal SSE client over a raw socket (HTTP/1.0, so the body is not chunked), which
 * lets a test really drop the connection.
 */
final class SseTestClient implements AutoCloseable {

	private final Socket socket;

	private final BufferedReader reader;

	final int status;

	final Map<String, String> headers = new LinkedHashMap<>();

	final List<String> comments = new ArrayList<>();

	private SseTestClient(Socket socket) throws IOException {
		this.socket = socket;
		this.reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		String statusLine = this.reader.readLine();
		if (statusLine == null) {
			throw new EOFException("The server closed the connection without a response");
		}
		this.status = Integer.parseInt(statusLine.split(" ")[1]);
		for (String line = this.reader.readLine(); line != null && !line.isEmpty(); line = this.reader.readLine()) {
			int colon = line.indexOf(':');
			this.headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
					line.substring(colon + 1).trim());
		}
	}

	static SseTestClient open(int port, String path, Map<String, String> requestHeaders) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(30_000);
		StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n");
		request.append("Accept: text/event-stream\r\n");
		requestHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		request.append("\r\n");
		OutputStream out = socket.getOutputStream();
		out.write(request.toString().getBytes(StandardCharsets.UTF_8));
		out.flush();
		return new SseTestClient(socket);
	}

	/**
	 * Next event, or {@code null} at the end of the stream.
	 */
	@Nullable Event next(Duration timeout) throws IOException {
		this.socket.setSoTimeout((int) timeout.toMillis());
		String name = "message";
		String id = null;
		StringBuilder data = null;
		String line;
		while ((line = this.reader.readLine()) != null) {
			if (line.isEmpty()) {
				if (data != null) {
					return new Event(name, id, data.toString());
				}
				continue;
			}
			if (line.startsWith(":")) {
				this.comments.add(line.substring(1).trim());
				continue;
			}
			int colon = line.indexOf(':');
			String field = (colon < 0) ? line : line.substring(0, colon);
			String value = (colon < 0) ? "" : line.substring(colon + 1).stripLeading();
			switch (field) {
				case "event" -> name = value;
				case "id" -> id = value;
				case "data" -> data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
				default -> {
				}
			}
		}
		return null;
	}

	List<Event> readAll(Duration timeout) throws IOException {
		List<Event> events = new ArrayList<>();
		for (Event event = next(timeout); event != null; event = next(timeout)) {
			events.add(event);
		}
		return events;
	}

	List<Event> read(int count, Duration timeout) throws IOException {
		List<Event> events = new ArrayList<>();
		while (events.size() < count) {
			Event event = next(timeout);
			if (event == null) {
				break;
			}
			events.add(event);
		}
		return events;
	}

	String body() throws IOException {
		StringBuilder body = new StringBuilder();
		try {
			for (String line = this.reader.readLine(); line != null; line = this.reader.readLine()) {
				body.append(line);
			}
		}
		catch (SocketTimeoutException ex) {
			// what arrived so far
		}
		return body.toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	record Event(String name, @Nullable String id, String data) {
	}

}
