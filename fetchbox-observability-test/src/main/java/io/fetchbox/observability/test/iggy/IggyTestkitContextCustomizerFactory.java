package io.fetchbox.observability.test.iggy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ReflectionUtils;

import io.fetchbox.observability.autoconfigure.iggy.IggyConnectionDetails;
import io.fetchbox.observability.testkit.IggyTestkit;
import io.fetchbox.observability.testkit.IggyTestkitExtension;

/**
 * Spring Test {@link ContextCustomizerFactory} for
 * {@link IggyTestkitConnection}-annotated fields: registers an
 * {@link IggyConnectionDetails} bean pointing at that testkit.
 */
class IggyTestkitContextCustomizerFactory implements ContextCustomizerFactory {

	private static final Object SHARED = IggyTestkitExtension.class.getName() + ".shared()";

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		List<Field> fields = new ArrayList<>();
		collectFields(testClass, fields);
		if (fields.isEmpty()) {
			return null;
		}
		if (fields.size() > 1) {
			throw new IllegalStateException("Only one @IggyTestkitConnection field is supported, found " + fields);
		}
		Field field = fields.get(0);
		if (!Modifier.isStatic(field.getModifiers())) {
			throw new IllegalStateException(
					"@IggyTestkitConnection field '%s' must be static".formatted(field.getName()));
		}
		ReflectionUtils.makeAccessible(field);
		Object value = ReflectionUtils.getField(field, null);
		if (!(value instanceof IggyTestkitExtension) && !(value instanceof IggyTestkit)) {
			throw new IllegalStateException(
					"@IggyTestkitConnection field '%s' in %s must be an IggyTestkitExtension or an IggyTestkit"
						.formatted(field.getName(), field.getDeclaringClass().getName()));
		}
		// every shared() extension stands for the same JVM-wide server: one context for
		// all
		Object key = (value instanceof IggyTestkitExtension extension && extension.isShared()) ? SHARED : value;
		return new IggyTestkitContextCustomizer(key, value);
	}

	private static void collectFields(@Nullable Class<?> candidate, List<Field> fields) {
		if (candidate == null || candidate == Object.class) {
			return;
		}
		ReflectionUtils.doWithLocalFields(candidate, (field) -> {
			if (field.isAnnotationPresent(IggyTestkitConnection.class)) {
				fields.add(field);
			}
		});
		if (TestContextAnnotationUtils.searchEnclosingClass(candidate)) {
			collectFields(candidate.getEnclosingClass(), fields);
		}
		collectFields(candidate.getSuperclass(), fields);
	}

	/**
	 * Registers the connection details bean; equal for the same testkit, so contexts are
	 * cached per testkit.
	 */
	private static final class IggyTestkitContextCustomizer implements ContextCustomizer {

		private final Object key;

		private final Object testkit;

		IggyTestkitContextCustomizer(Object key, Object testkit) {
			this.key = key;
			this.testkit = testkit;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof IggyTestkitContextCustomizer customizer && this.key.equals(customizer.key);
		}

		@Override
		public int hashCode() {
			return this.key.hashCode();
		}

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
			if (context.getBeanFactory() instanceof BeanDefinitionRegistry registry) {
				RootBeanDefinition definition = new RootBeanDefinition(IggyConnectionDetails.class,
						() -> new TestkitConnectionDetails(this.testkit));
				registry.registerBeanDefinition("iggyTestkitConnectionDetails", definition);
			}
		}

	}

	/** The testkit's address and root credentials, read when the client is built. */
	private record TestkitConnectionDetails(Object testkit) implements IggyConnectionDetails {

		private IggyTestkit server() {
			return (this.testkit instanceof IggyTestkitExtension extension) ? extension.server()
					: (IggyTestkit) this.testkit;
		}

		@Override
		public String getHost() {
			return server().host();
		}

		@Override
		public int getPort() {
			return server().port();
		}

		@Override
		public String getUsername() {
			return server().username();
		}

		@Override
		public String getPassword() {
			return server().password();
		}

	}

}
