/**
 * An in-process server speaking Apache Iggy 0.8.0's TCP binary protocol, for tests and
 * local demos (never a production broker), plus a JUnit 5 extension.
 */
@NullMarked
package io.fetchbox.observability.testkit;

import org.jspecify.annotations.NullMarked;
