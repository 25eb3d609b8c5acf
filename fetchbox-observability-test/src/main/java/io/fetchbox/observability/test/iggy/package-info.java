/**
 * Test support for services using the FetchBox observability starter: points the
 * starter's Iggy client at the in-process testkit ({@link IggyTestkitConnection}) or at a
 * real server in a container ({@link IggyContainer} with {@code @ServiceConnection}).
 */
@NullMarked
package io.fetchbox.observability.test.iggy;

import org.jspecify.annotations.NullMarked;
