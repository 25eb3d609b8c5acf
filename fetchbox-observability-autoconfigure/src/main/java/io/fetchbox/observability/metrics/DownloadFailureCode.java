package io.fetchbox.observability.metrics;

/**
 * Why a download attempt failed: the {@code code} tag of
 * {@code fetchbox_worker_download_failures_total}.
 *
 * @since 0.1.0
 */
public enum DownloadFailureCode {

	/** No response in time. */
	TIMEOUT("timeout"),

	/** Connection refused, reset or DNS failure. */
	CONNECTION("connection"),

	/** The origin answered 4xx. */
	HTTP_4XX("http_4xx"),

	/** The origin answered 5xx. */
	HTTP_5XX("http_5xx"),

	/** The resource exceeded the size limit. */
	TOO_LARGE("too_large"),

	/** The URL is malformed or not allowed. */
	INVALID_URL("invalid_url"),

	/** The content did not match the checksum hint. */
	CHECKSUM_MISMATCH("checksum_mismatch"),

	/** The proxy failed (also counted in {@code fetchbox_proxy_failures_total}). */
	PROXY("proxy"),

	/** Any other failure. */
	OTHER("other");

	private final String tagValue;

	DownloadFailureCode(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Value of the tag in a scrape.
	 * @return the tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

	/**
	 * The code for an unsuccessful HTTP status of the origin.
	 * @param status the HTTP status
	 * @return {@link #HTTP_4XX}, {@link #HTTP_5XX} or {@link #OTHER}
	 */
	public static DownloadFailureCode forHttpStatus(int status) {
		if (status >= 400 && status < 500) {
			return HTTP_4XX;
		}
		return (status >= 500 && status < 600) ? HTTP_5XX : OTHER;
	}

}
