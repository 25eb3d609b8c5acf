package io.fetchbox.observability.test.iggy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static {@code IggyTestkitExtension} (or {@code IggyTestkit}) field of a Spring
 * test class as the Iggy server the starter connects to: the test context gets an
 * {@code IggyConnectionDetails} bean with the testkit's address and root credentials, so
 * no {@code fetchbox.telemetry.iggy.*} property is needed. The in-process counterpart of
 * Spring Boot's {@code @ServiceConnection} on a container.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * &#64;IggyTestkitConnection
 * static final IggyTestkitExtension iggy = new IggyTestkitExtension();
 * </pre>
 *
 * The details are read when the starter builds its client, which happens inside the
 * extension's lifecycle with JUnit's default per-method test instances.
 *
 * @since 0.1.0
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IggyTestkitConnection {

}
