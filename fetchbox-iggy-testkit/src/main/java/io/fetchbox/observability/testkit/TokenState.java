package io.fetchbox.observability.testkit;

/**
 * A personal access token's owner and name (tokens are keyed by the raw token).
 *
 * @param userId the user the token logs in as
 * @param name the token's name, unique per user
 */
record TokenState(int userId, String name) {
}
