package io.fetchbox.sample.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits and plumbing of the sample API.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("fetchbox.sample.api")
public class SampleApiProperties {

	/**
	 * Largest number of resources in one job.
	 */
	private int maxResources = 1000;

	/**
	 * Longest resource URL, in characters.
	 */
	private int maxUrlLength = 2048;

	/**
	 * Largest number of HTTP headers per resource.
	 */
	private int maxHeadersPerResource = 32;

	/**
	 * Longest HTTP header value, in characters.
	 */
	private int maxHeaderValueLength = 1024;

	/**
	 * Largest accepted request body.
	 */
	private DataSize maxRequestSize = DataSize.ofMegabytes(1);

	/**
	 * Consumer group of the ledger updater on the status topic.
	 */
	private String statusGroup = "ledger";

	/**
	 * Pause between polls of the status topic when it is idle.
	 */
	private Duration statusPollInterval = Duration.ofMillis(100);

	public int getMaxResources() {
		return this.maxResources;
	}

	public void setMaxResources(int maxResources) {
		if (maxResources < 1) {
			throw new IllegalArgumentException("'fetchbox.sample.api.max-resources' must be at least 1");
		}
		this.maxResources = maxResources;
	}

	public int getMaxUrlLength() {
		return this.maxUrlLength;
	}

	public void setMaxUrlLength(int maxUrlLength) {
		this.maxUrlLength = maxUrlLength;
	}

	public int getMaxHeadersPerResource() {
		return this.maxHeadersPerResource;
	}

	public void setMaxHeadersPerResource(int maxHeadersPerResource) {
		this.maxHeadersPerResource = maxHeadersPerResource;
	}

	public int getMaxHeaderValueLength() {
		return this.maxHeaderValueLength;
	}

	public void setMaxHeaderValueLength(int maxHeaderValueLength) {
		this.maxHeaderValueLength = maxHeaderValueLength;
	}

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public String getStatusGroup() {
		return this.statusGroup;
	}

	public void setStatusGroup(String statusGroup) {
		this.statusGroup = statusGroup;
	}

	public Duration getStatusPollInterval() {
		return this.statusPollInterval;
	}

	public void setStatusPollInterval(Duration statusPollInterval) {
		this.statusPollInterval = statusPollInterval;
	}

}
