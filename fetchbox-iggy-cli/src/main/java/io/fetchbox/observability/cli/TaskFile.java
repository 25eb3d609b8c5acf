package io.fetchbox.observability.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import io.fetchbox.observability.messages.DownloadTask;
import io.fetchbox.observability.messages.HttpHeader;

/**
 * Reads a {@code DownloadTask} from JSON (the protobuf JSON mapping: snake_case or
 * lowerCamelCase names) and validates it; every error names the field.
 *
 * @since 0.1.0
 */
final class TaskFile {

	private static final Pattern UNKNOWN_FIELD = Pattern.compile("Cannot find field: (\\S+) in message");

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private TaskFile() {
	}

	static DownloadTask read(Path file) {
		String json;
		try {
			json = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw invalid(file, "no such file");
		}
		catch (IOException ex) {
			throw invalid(file, "cannot read it (" + ex.getClass().getSimpleName() + ")");
		}
		return parse(file.getFileName().toString(), json);
	}

	static DownloadTask parse(String name, String json) {
		DownloadTask.Builder task = DownloadTask.newBuilder();
		try {
			JsonFormat.parser().merge(json, task);
		}
		catch (InvalidProtocolBufferException ex) {
			String message = IggyConnection.oneLine(String.valueOf(ex.getMessage()));
			Matcher unknown = UNKNOWN_FIELD.matcher(message);
			throw new CliException(CliException.USAGE, name + ": "
					+ (unknown.find() ? "unknown field '" + unknown.group(1) + "'" : "not a DownloadTask: " + message));
		}
		validate(name, task);
		return task.build();
	}

	private static void validate(String name, DownloadTask.Builder task) {
		required(name, "job_id", task.getJobId());
		if (task.getJobId().getBytes(StandardCharsets.UTF_8).length > 255) {
			throw field(name, "job_id", "must be at most 255 bytes (it is the message key)");
		}
		required(name, "job_type", task.getJobType());
		required(name, "resource_id", task.getResourceId());
		required(name, "url", task.getUrl());
		try {
			URI url = new URI(task.getUrl());
			String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
				throw field(name, "url", "must be an absolute http or https URL");
			}
		}
		catch (URISyntaxException ex) {
			throw field(name, "url", "must be an absolute http or https URL");
		}
		for (int i = 0; i < task.getHeadersCount(); i++) {
			HttpHeader header = task.getHeaders(i);
			if (header.getName().isBlank()) {
				throw field(name, "headers[" + i + "].name", "is required");
			}
		}
		if (!task.getTraceId().isEmpty()
				&& (!TRACE_ID.matcher(task.getTraceId()).matches() || task.getTraceId().matches("0+"))) {
			throw field(name, "trace_id", "must be 32 lowercase hex characters, not all zero");
		}
	}

	private static void required(String name, String field, String value) {
		if (value.isBlank()) {
			throw field(name, field, "is required");
		}
	}

	private static CliException field(String name, String field, String problem) {
		return new CliException(CliException.USAGE, name + ": field '" + field + "' " + problem);
	}

	private static CliException invalid(Path file, String problem) {
		return new CliException(CliException.USAGE, "task file '" + file + "': " + problem);
	}

}
