package io.fetchbox.sample.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.fetchbox.sample.api.InvalidJobException.FieldError;

/**
 * Validates a {@link JobRequest} against the configured limits and turns it into a
 * {@link NewJob}. All errors are collected (up to a bound), each naming its field.
 */
class JobRequestValidator {

	private static final int MAX_REPORTED_ERRORS = 20;

	private static final Pattern JOB_TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");

	// Set by the HTTP client itself; a caller must not override them.
	private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
			"upgrade", "transfer-encoding", "te", "trailer", "proxy-authorization", "keep-alive");

	private final SampleApiProperties properties;

	JobRequestValidator(SampleApiProperties properties) {
		this.properties = properties;
	}

	NewJob validate(@Nullable JobRequest request) {
		List<FieldError> errors = new ArrayList<>();
		if (request == null) {
			throw new InvalidJobException(List.of(new FieldError("body", "must be a JSON object")));
		}
		String jobType = required(errors, "job_type", request.jobType(), JOB_TYPE,
				"must be 1-64 lowercase letters, digits, '.', '_' or '-'");
		String tenant = required(errors, "tenant", request.tenant(), TENANT,
				"must be 1-64 letters, digits, '.', '_' or '-'");
		List<NewJob.Resource> resources = resources(errors, request.resources());
		if (!errors.isEmpty()) {
			throw new InvalidJobException(errors.subList(0, Math.min(errors.size(), MAX_REPORTED_ERRORS)));
		}
		return new NewJob(UUID.randomUUID().toString(), jobType, tenant, resources);
	}

	private List<NewJob.Resource> resources(List<FieldError> errors,
			@Nullable List<JobRequest.@Nullable Resource> requested) {
		if (requested == null || requested.isEmpty()) {
			errors.add(new FieldError("resources", "must contain at least one resource"));
			return List.of();
		}
		if (requested.size() > this.properties.getMaxResources()) {
			errors.add(new FieldError("resources",
					"must contain at most " + this.properties.getMaxResources() + " resources"));
			return List.of();
		}
		List<NewJob.Resource> resources = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < requested.size(); i++) {
			String field = "resources[" + i + "]";
			JobRequest.Resource resource = requested.get(i);
			if (resource == null) {
				errors.add(new FieldError(field, "must be an object"));
				continue;
			}
			String id = resource.resourceId();
			if (id == null || id.isEmpty()) {
				id = "r%04d".formatted(i);
			}
			else if (!RESOURCE_ID.matcher(id).matches()) {
				errors
					.add(new FieldError(field + ".resource_id", "must be 1-128 letters, digits, '.', '_', ':' or '-'"));
			}
			if (!ids.add(id)) {
				errors.add(new FieldError(field + ".resource_id", "must be unique within the job"));
			}
			String url = url(errors, field + ".url", resource.url());
			Map<String, String> headers = headers(errors, field + ".headers", resource.headers());
			resources.add(new NewJob.Resource(id, url, headers));
		}
		return resources;
	}

	private String url(List<FieldError> errors, String field, @Nullable String url) {
		if (url == null || url.isBlank()) {
			errors.add(new FieldError(field, "is required"));
			return "";
		}
		if (url.length() > this.properties.getMaxUrlLength()) {
			errors.add(new FieldError(field, "must be at most " + this.properties.getMaxUrlLength() + " characters"));
			return "";
		}
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				errors.add(new FieldError(field, "must be an absolute http or https URL"));
			}
		}
		catch (URISyntaxException ex) {
			errors.add(new FieldError(field, "must be an absolute http or https URL"));
		}
		return url;
	}

	private Map<String, String> headers(List<FieldError> errors, String field, @Nullable Map<String, String> headers) {
		if (headers == null) {
			return Map.of();
		}
		if (headers.size() > this.properties.getMaxHeadersPerResource()) {
			errors.add(new FieldError(field,
					"must contain at most " + this.properties.getMaxHeadersPerResource() + " headers"));
			return Map.of();
		}
		Map<String, String> valid = new LinkedHashMap<>();
		headers.forEach((name, value) -> {
			String headerField = field + "." + name;
			if (!HEADER_NAME.matcher(name).matches() || RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				errors.add(new FieldError(field, "contains an invalid or restricted header name"));
			}
			else if (value == null || value.length() > this.properties.getMaxHeaderValueLength()
					|| value.chars().anyMatch((c) -> c == '\r' || c == '\n' || c == 0)) {
				errors.add(new FieldError(headerField, "must be at most " + this.properties.getMaxHeaderValueLength()
						+ " characters without line breaks"));
			}
			else {
				valid.put(name, value);
			}
		});
		return valid;
	}

	private static String required(List<FieldError> errors, String field, @Nullable String value, Pattern pattern,
			String message) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(field, "is required"));
			return "";
		}
		if (!pattern.matcher(value).matches()) {
			errors.add(new FieldError(field, message));
		}
		return value;
	}

}
