package io.fetchbox.observability.test.iggy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import com.github.dockerjava.api.model.Ulimit;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * A Testcontainers container running the real Apache Iggy server ({@code apache/iggy},
 * 0.8.0 by default) with its TCP endpoint exposed. Annotate a static field with Spring
 * Boot's {@code @ServiceConnection} and the starter connects to it without any
 * {@code fetchbox.telemetry.iggy.*} property.
 *
 * <pre class="code">
 * &#64;Container
 * &#64;ServiceConnection
 * static final IggyContainer iggy = new IggyContainer();
 * </pre>
 *
 * The server uses io_uring, which default seccomp profiles block: the container runs
 * privileged with an unlimited {@code memlock}. It counts as started once it answers an
 * Iggy PING from outside.
 *
 * @since 0.1.0
 */
public class IggyContainer extends GenericContainer<IggyContainer> {

	/** The image this project's protocol support is verified against. */
	public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("apache/iggy:0.8.0");

	/** The server's TCP port inside the container. */
	public static final int TCP_PORT = 8090;

	private String username = "iggy";

	private String password = "iggy";

	/**
	 * A container of {@link #DEFAULT_IMAGE}.
	 */
	public IggyContainer() {
		this(DEFAULT_IMAGE);
	}

	/**
	 * A container of another {@code apache/iggy} image.
	 * @param image the image
	 */
	public IggyContainer(DockerImageName image) {
		super(image);
		image.assertCompatibleWith(DEFAULT_IMAGE);
		withExposedPorts(TCP_PORT);
		withEnv("IGGY_TCP_ADDRESS", "0.0.0.0:" + TCP_PORT);
		withCredentials(this.username, this.password);
		withPrivilegedMode(true);
		withCreateContainerCmdModifier(
				(cmd) -> cmd.getHostConfig().withUlimits(List.of(new Ulimit("memlock", -1L, -1L))));
		waitingFor(new PingWaitStrategy().withStartupTimeout(Duration.ofSeconds(60)));
	}

	/**
	 * The root user's credentials (default {@code iggy}/{@code iggy}).
	 * @param username the username
	 * @param password the password
	 * @return this container
	 */
	public IggyContainer withCredentials(String username, String password) {
		this.username = username;
		this.password = password;
		withEnv("IGGY_ROOT_USERNAME", username);
		return withEnv("IGGY_ROOT_PASSWORD", password);
	}

	/**
	 * The root username.
	 * @return the username
	 */
	public String getUsername() {
		return this.username;
	}

	/**
	 * The root password.
	 * @return the password
	 */
	public String getPassword() {
		return this.password;
	}

	/**
	 * The TCP port mapped on the host.
	 * @return the port
	 */
	public int getTcpPort() {
		return getMappedPort(TCP_PORT);
	}

	/**
	 * Ready once the server answers an Iggy PING (the image need not have a shell for the
	 * usual port check from inside).
	 */
	static final class PingWaitStrategy extends AbstractWaitStrategy {

		private static final byte[] PING = { 4, 0, 0, 0, 1, 0, 0, 0 };

		@Override
		protected void waitUntilReady() {
			String host = this.waitStrategyTarget.getHost();
			int port = this.waitStrategyTarget.getMappedPort(TCP_PORT);
			long deadline = System.nanoTime() + this.startupTimeout.toNanos();
			while (System.nanoTime() < deadline) {
				if (answersPing(host, port)) {
					return;
				}
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new ContainerLaunchException("Interrupted while waiting for Iggy", ex);
				}
			}
			throw new ContainerLaunchException(
					"Iggy did not answer a PING on " + host + ":" + port + " within " + this.startupTimeout);
		}

		private static boolean answersPing(String host, int port) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(host, port), 1000);
				socket.setSoTimeout(1000);
				OutputStream out = socket.getOutputStream();
				out.write(PING);
				out.flush();
				byte[] header = new byte[8];
				new DataInputStream(socket.getInputStream()).readFully(header);
				return header[0] == 0 && header[1] == 0 && header[2] == 0 && header[3] == 0;
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

}
