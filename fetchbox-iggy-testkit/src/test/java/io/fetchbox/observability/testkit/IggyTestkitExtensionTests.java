package io.fetchbox.observability.testkit;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension's lifecycles: per test (instance field) and JVM-wide ({@code shared()}).
 */
class IggyTestkitExtensionTests {

	@RegisterExtension
	final IggyTestkitExtension perTest = new IggyTestkitExtension((builder) -> builder.credentials("admin", "secret"));

	@RegisterExtension
	static final IggyTestkitExtension shared = IggyTestkitExtension.shared();

	@Test
	void instanceFieldStartsAServerForTheTest() throws IOException {
		assertThat(this.perTest.server().isRunning()).isTrue();
		assertThat(this.perTest.username()).isEqualTo("admin");
		try (AbstractIggyContractTests.RawConnection raw = new AbstractIggyContractTests.RawConnection(
				this.perTest.host(), this.perTest.port())) {
			assertThat(raw.request(IggyCommands.PING, new byte[0]).status()).isZero();
		}
	}

	@Test
	void sharedServerIsOneForTheWholeJvm() {
		IggyTestkitExtension another = IggyTestkitExtension.shared();
		another.beforeAll(null);
		assertThat(another.port()).isEqualTo(shared.port());
		another.afterAll(null);
		assertThat(shared.server().isRunning()).isTrue();
	}

}
