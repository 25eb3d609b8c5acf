package io.fetchbox.observability.metrics;

import java.nio.charset.StandardCharsets;

/**
 * Restores the contract name {@code fetchbox_ledger_jobs_created_total} in a text scrape.
 * <p>
 * Why: Prometheus' Java client (1.x, used by Micrometer's Prometheus registry) refuses
 * metric names ending in the OpenMetrics-reserved suffix {@code _created} and strips it,
 * so the counter {@code fetchbox.ledger.jobs.created} would be scraped as
 * {@code fetchbox_ledger_jobs_total}. The FetchBox contract (PRODUCT.md section 6),
 * shared with services in other languages, fixes the name, so the text formats are
 * corrected after writing. Only whole metric-name tokens of this one family are renamed.
 *
 * @since 0.1.0
 */
public final class ReservedSuffixRenamer {

	/** The family name the client writes. */
	static final String WRITTEN = "fetchbox_ledger_jobs";

	/** The family name of the contract. */
	static final String CONTRACT = "fetchbox_ledger_jobs_created";

	private ReservedSuffixRenamer() {
	}

	/**
	 * Rename the family in a Prometheus text or OpenMetrics scrape.
	 * @param scrape the scrape as written by the client (UTF-8)
	 * @return the corrected scrape (the same array when nothing needed renaming)
	 */
	public static byte[] rename(byte[] scrape) {
		String text = new String(scrape, StandardCharsets.UTF_8);
		if (!text.contains(WRITTEN)) {
			return scrape;
		}
		return rename(text).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Rename the family in a Prometheus text or OpenMetrics scrape.
	 * @param text the scrape as written by the client
	 * @return the corrected scrape
	 */
	public static String rename(String text) {
		StringBuilder result = new StringBuilder(text.length() + 256);
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf('\n', start);
			end = (end < 0) ? text.length() : end + 1;
			result.append(renameLine(text.substring(start, end)));
			start = end;
		}
		return result.toString();
	}

	private static String renameLine(String line) {
		int nameStart = 0;
		if (line.startsWith("# HELP ") || line.startsWith("# TYPE ") || line.startsWith("# UNIT ")) {
			nameStart = 7;
		}
		else if (line.startsWith("#")) {
			return line;
		}
		int nameEnd = nameStart;
		while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
			nameEnd++;
		}
		String name = line.substring(nameStart, nameEnd);
		if (name.equals(WRITTEN) || name.equals(WRITTEN + "_total") || name.equals(WRITTEN + "_created")) {
			return line.substring(0, nameStart) + CONTRACT + name.substring(WRITTEN.length()) + line.substring(nameEnd);
		}
		return line;
	}

}
