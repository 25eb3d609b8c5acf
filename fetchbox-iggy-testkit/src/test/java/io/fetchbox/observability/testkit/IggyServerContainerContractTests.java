package io.fetchbox.observability.testkit;

import java.time.Duration;
import java.util.List;

import com.github.dockerjava.api.model.Ulimit;
import org.awaitility.Awaitility;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The contract suite against the real {@code apache/iggy:0.8.0} server: the parity check
 * for the testkit. Skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class IggyServerContainerContractTests extends AbstractIggyContractTests {

	private static final int TCP_PORT = 8090;

	@Container
	static final GenericContainer<?> iggy = new GenericContainer<>(DockerImageName.parse("apache/iggy:0.8.0"))
		.withExposedPorts(TCP_PORT)
		.withEnv("IGGY_ROOT_USERNAME", "iggy")
		.withEnv("IGGY_ROOT_PASSWORD", "iggy")
		.withEnv("IGGY_TCP_ADDRESS", "0.0.0.0:" + TCP_PORT)
		// the server uses io_uring (compio), which default seccomp profiles block
		.withPrivilegedMode(true)
		.withCreateContainerCmdModifier(
				(cmd) -> cmd.getHostConfig().withUlimits(List.of(new Ulimit("memlock", -1L, -1L))))
		.waitingFor(new IggyPingWaitStrategy(TCP_PORT));

	/**
	 * Ready when the server answers an Iggy PING from outside the container (the image
	 * need not have a shell for the usual internal port check).
	 */
	static final class IggyPingWaitStrategy extends AbstractWaitStrategy {

		private final int port;

		IggyPingWaitStrategy(int port) {
			this.port = port;
			withStartupTimeout(Duration.ofSeconds(60));
		}

		@Override
		protected void waitUntilReady() {
			String host = this.waitStrategyTarget.getHost();
			int mapped = this.waitStrategyTarget.getMappedPort(this.port);
			Awaitility.await()
				.atMost(this.startupTimeout)
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.until(() -> {
					try (RawConnection raw = new RawConnection(host, mapped)) {
						return raw.request(IggyCommands.PING, new byte[0]).status() == 0;
					}
				});
		}

	}

	@Override
	protected String host() {
		return iggy.getHost();
	}

	@Override
	protected int port() {
		return iggy.getMappedPort(TCP_PORT);
	}

}
