package io.fetchbox.observability.operator;

import java.time.Duration;

/**
 * Limits of the SSE log stream.
 *
 * @param maxStreams most streams open at once; more get 429
 * @param heartbeatInterval longest silence on an idle stream before a heartbeat comment
 * @param timeout longest life of one stream; the client resumes with
 * {@code Last-Event-ID}
 * @since 0.1.0
 */
public record LogStreamSettings(int maxStreams, Duration heartbeatInterval, Duration timeout) {

}
