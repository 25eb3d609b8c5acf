package io.fetchbox.observability.test.iggy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fetchbox.observability.testkit.IggyTestkitExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link IggyTestkitContextCustomizerFactory}: which test classes get
 * connection details, and the errors a wrong field gets.
 */
class IggyTestkitContextCustomizerFactoryTests {

	private final IggyTestkitContextCustomizerFactory factory = new IggyTestkitContextCustomizerFactory();

	@Test
	void testsWithoutTheAnnotationAreLeftAlone() {
		assertThat(this.factory.createContextCustomizer(Plain.class, List.of())).isNull();
	}

	@Test
	void everySharedExtensionIsTheSameContext() {
		assertThat(this.factory.createContextCustomizer(SharedOne.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(SharedTwo.class, List.of()))
			.isNotEqualTo(this.factory.createContextCustomizer(Own.class, List.of()));
	}

	@Test
	void inheritedFieldsCount() {
		assertThat(this.factory.createContextCustomizer(Inheriting.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(Own.class, List.of()));
	}

	@Test
	void aNonStaticFieldIsAClearError() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(NotStatic.class, List.of()))
			.withMessage("@IggyTestkitConnection field 'iggy' must be static");
	}

	@Test
	void aFieldOfAnotherTypeIsAClearError() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.createContextCustomizer(WrongType.class, List.of()))
			.withMessageContaining("field 'iggy'")
			.withMessageContaining("must be an IggyTestkitExtension or an IggyTestkit");
	}

	static class Plain {

	}

	static class SharedOne {

		@IggyTestkitConnection
		static final IggyTestkitExtension iggy = IggyTestkitExtension.shared();

	}

	static class SharedTwo {

		@IggyTestkitConnection
		static final IggyTestkitExtension iggy = IggyTestkitExtension.shared();

	}

	static class Own {

		@IggyTestkitConnection
		static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	}

	static class Inheriting extends Own {

	}

	static class NotStatic {

		@IggyTestkitConnection
		final IggyTestkitExtension iggy = new IggyTestkitExtension();

	}

	static class WrongType {

		@IggyTestkitConnection
		static final String iggy = "127.0.0.1:8090";

	}

}
