package io.fetchbox.observability.test.iggy.docs;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import io.fetchbox.observability.iggy.SupervisedIggyClient;
import io.fetchbox.observability.test.iggy.IggyContainer;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class JobsContainerIggyTests {

	@Container
	@ServiceConnection
	static final IggyContainer iggy = new IggyContainer();

	@Autowired
	SupervisedIggyClient iggyClient;

	@Test
	void theStarterTalksToTheContainer() throws Exception {
		this.iggyClient.whenUp().get(60, TimeUnit.SECONDS);
		assertThat(this.iggyClient.settings().port()).isEqualTo(iggy.getTcpPort());
		assertThat(this.iggyClient.settings().host()).isEqualTo(iggy.getHost());
	}

}
