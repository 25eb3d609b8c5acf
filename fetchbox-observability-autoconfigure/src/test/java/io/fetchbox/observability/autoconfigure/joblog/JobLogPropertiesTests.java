package io.fetchbox.observability.autoconfigure.joblog;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import io.fetchbox.observability.joblog.DropPolicy;
import io.fetchbox.observability.joblog.JobLogSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job log knobs' defaults: {@link JobLogProperties} declares them as literals (the
 * configuration processor reads only literals into the metadata), and
 * {@link JobLogSettings#DEFAULT} is the same set for a pipeline built without Spring
 * Boot.
 */
class JobLogPropertiesTests {

	@Test
	void propertiesDefaultsAreTheLibraryDefaults() {
		assertThat(new JobLogProperties().toSettings()).isEqualTo(JobLogSettings.DEFAULT);
	}

	@Test
	void generatedMetadataShowsTheLibraryDefaults() throws Exception {
		Map<String, String> defaults = new HashMap<>();
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).isNotNull();
			for (JsonNode property : JsonMapper.builder().build().readTree(metadata).path("properties")) {
				String name = property.path("name").asString();
				if (name.startsWith(JobLogProperties.PREFIX + ".")) {
					defaults.put(name.substring(JobLogProperties.PREFIX.length() + 1),
							property.path("defaultValue").asString());
				}
			}
		}
		JobLogSettings expected = JobLogSettings.DEFAULT;
		JobLogSettings fromMetadata = new JobLogSettings(DurationStyle.detectAndParse(defaults.get("schedule-delay")),
				Integer.parseInt(defaults.get("max-batch-size")), Integer.parseInt(defaults.get("max-queue-size")),
				DataSize.parse(defaults.get("max-queue-bytes")).toBytes(), DropPolicy.of(defaults.get("drop-policy")),
				DurationStyle.detectAndParse(defaults.get("shutdown-grace-period")),
				Integer.parseInt(defaults.get("early-buffer-size")));
		assertThat(fromMetadata).isEqualTo(expected);
		assertThat(defaults).containsEntry("enabled", "true");
	}

}
