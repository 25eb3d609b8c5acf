package io.fetchbox.observability.test.iggy.docs;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Stands for a user's application in the documented samples (their
 * {@code @SpringBootTest}s find it by package, as they find the user's own).
 */
@SpringBootApplication
class SampleApplication {

}
