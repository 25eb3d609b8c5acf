package io.fetchbox.observability.cli;

/**
 * How records are printed.
 *
 * @since 0.1.0
 */
enum OutputFormat {

	/** One human-readable line per record, coloured by level on a terminal. */
	pretty,

	/** One JSON object per line, with the stdout log field names. */
	json

}
