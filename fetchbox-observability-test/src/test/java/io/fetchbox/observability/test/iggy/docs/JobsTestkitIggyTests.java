package io.fetchbox.observability.test.iggy.docs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.test.iggy.IggyTestkitConnection;
import io.fetchbox.observability.testkit.IggyTestkitExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
class JobsTestkitIggyTests {

	@RegisterExtension
	@IggyTestkitConnection
	static final IggyTestkitExtension iggy = IggyTestkitExtension.shared();

	@Autowired
	SupervisedIggyClient iggyClient;

	@Test
	void theStarterTalksToTheTestkit() throws Exception {
		this.iggyClient.whenUp().get(30, TimeUnit.SECONDS);
		assertThat(this.iggyClient.settings().address()).isEqualTo(iggy.address());
		// the starter created its stream and topics there
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(iggy.server().topology()).containsKey("fetchbox"));
	}

}
