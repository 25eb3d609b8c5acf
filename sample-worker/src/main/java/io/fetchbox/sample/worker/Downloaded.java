package io.fetchbox.sample.worker;

/**
 * A downloaded resource.
 *
 * @param body the bytes
 * @param contentType the origin's content type
 * @param pool the proxy pool that served it
 * @param attempts attempts it took
 */
record Downloaded(byte[] body, String contentType, String pool, int attempts) {

}
