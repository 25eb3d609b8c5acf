package io.fetchbox.observability.test.iggy.docs;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.test.iggy.IggyTestkitConnection;
import io.fetchbox.observability.testkit.IggyTestkitExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As with Spring Boot's service connections, the testkit's connection details win over
 * connection properties; the other Iggy properties still apply.
 */
@SpringBootTest(properties = { "fetchbox.telemetry.iggy.address=127.0.0.1:9", "fetchbox.telemetry.iggy.username=nobody",
		"fetchbox.telemetry.iggy.stream=precedence" })
class ConnectionDetailsIggyTests {

	@RegisterExtension
	@IggyTestkitConnection
	static final IggyTestkitExtension iggy = IggyTestkitExtension.shared();

	@Autowired
	SupervisedIggyClient iggyClient;

	@Test
	void connectionDetailsWinOverConnectionProperties() throws Exception {
		this.iggyClient.whenUp().get(30, TimeUnit.SECONDS);
		assertThat(this.iggyClient.settings().address()).isEqualTo(iggy.address());
		assertThat(this.iggyClient.topology().stream()).isEqualTo("precedence");
	}

}
