package io.fetchbox.observability.testkit;

import java.util.Objects;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;

/**
 * JUnit 5 extension running an {@link IggyTestkit} on an ephemeral port.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final IggyTestkitExtension iggy = new IggyTestkitExtension();
 * </pre>
 *
 * <p>
 * As a static field the server starts before all tests and closes after all; as an
 * instance field it is started per test and closed after it. Before each test, faults
 * left by the previous one are cleared (resumed, no failures, no latency) and a stopped
 * server is started again; data is kept, so give each test its own stream names.
 *
 * @since 0.1.0
 */
public class IggyTestkitExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static @Nullable IggyTestkit sharedServer;

	private final Consumer<IggyTestkitBuilder> customizer;

	private final boolean shared;

	private @Nullable IggyTestkit server;

	private boolean perTest;

	/**
	 * An extension with the default server (127.0.0.1, ephemeral port, iggy/iggy).
	 */
	public IggyTestkitExtension() {
		this((builder) -> {
		});
	}

	/**
	 * An extension whose server builder is customized first (the port stays ephemeral
	 * unless the customizer sets one).
	 * @param customizer customizes the builder
	 */
	public IggyTestkitExtension(Consumer<IggyTestkitBuilder> customizer) {
		this(customizer, false);
	}

	private IggyTestkitExtension(Consumer<IggyTestkitBuilder> customizer, boolean shared) {
		this.customizer = Objects.requireNonNull(customizer, "customizer must not be null");
		this.shared = shared;
	}

	/**
	 * An extension bound to one default server shared by the whole JVM: started on first
	 * use, never closed before the JVM exits. Its port stays the same for every test
	 * class, which suits cached Spring test contexts.
	 * @return the extension
	 */
	public static IggyTestkitExtension shared() {
		return new IggyTestkitExtension((builder) -> {
		}, true);
	}

	/**
	 * Whether this extension is bound to the JVM-wide server of {@link #shared()}.
	 * @return whether shared
	 */
	public boolean isShared() {
		return this.shared;
	}

	private static synchronized IggyTestkit sharedServer() {
		if (sharedServer == null) {
			IggyTestkit server = IggyTestkit.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::close, "iggy-testkit-shared-shutdown"));
			sharedServer = server;
		}
		return sharedServer;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		startServer();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.server == null) {
			this.perTest = !this.shared;
			startServer();
		}
		IggyTestkit current = server();
		current.clearFaults();
		if (!current.isRunning()) {
			current.start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.perTest) {
			closeServer();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		closeServer();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == IggyTestkit.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return server();
	}

	private synchronized void startServer() {
		if (this.shared) {
			this.server = sharedServer();
			return;
		}
		if (this.server == null) {
			IggyTestkitBuilder builder = IggyTestkit.builder();
			this.customizer.accept(builder);
			this.server = builder.start();
		}
	}

	private synchronized void closeServer() {
		if (this.shared) {
			return;
		}
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	/**
	 * The running server.
	 * @return the server
	 * @throws IllegalStateException outside the extension's lifecycle
	 */
	public synchronized IggyTestkit server() {
		if (this.server == null) {
			throw new IllegalStateException("The Iggy testkit is not running (register the extension with "
					+ "@RegisterExtension, and use it inside tests)");
		}
		return this.server;
	}

	/**
	 * The server's host.
	 * @return the host
	 */
	public String host() {
		return server().host();
	}

	/**
	 * The server's port.
	 * @return the port
	 */
	public int port() {
		return server().port();
	}

	/**
	 * The server's address as {@code host:port}.
	 * @return the address
	 */
	public String address() {
		return server().address();
	}

	/**
	 * The root username.
	 * @return the username
	 */
	public String username() {
		return server().username();
	}

	/**
	 * The root password.
	 * @return the password
	 */
	public String password() {
		return server().password();
	}

}
