package io.fetchbox.observability.autoconfigure.metrics;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;

import io.fetchbox.observability.metrics.MeterFamily;
import io.fetchbox.observability.metrics.MeterFamilyRecorder;

/**
 * Decides, once every singleton exists, which meter families the service exports from the
 * start: those forced by {@code fetchbox.telemetry.metrics.families.*}, and those of the
 * recorders the application's own beans inject, not counting auto-configured beans, which
 * inject them whatever the service does (the task observation API counts for the worker
 * family: the service consumes tasks). Every other family stays out of the scrape until
 * its first recording.
 */
final class MeterFamiliesInitializer implements SmartInitializingSingleton {

	private static final String TASK_OBSERVATIONS = "io.fetchbox.observability.jobs.TaskObservations";

	private final ConfigurableListableBeanFactory beanFactory;

	private final Map<MeterFamily, Boolean> forced;

	MeterFamiliesInitializer(ConfigurableListableBeanFactory beanFactory, FetchboxMetricsProperties properties) {
		this.beanFactory = beanFactory;
		this.forced = properties.getFamilies();
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, MeterFamilyRecorder> recorders = this.beanFactory.getBeansOfType(MeterFamilyRecorder.class, false,
				false);
		Set<MeterFamily> inUse = EnumSet.noneOf(MeterFamily.class);
		recorders.forEach((name, recorder) -> {
			if (injectedByApplication(name)) {
				inUse.addAll(recorder.families());
			}
		});
		if (consumesTasks()) {
			inUse.add(MeterFamily.WORKER);
		}
		for (MeterFamilyRecorder recorder : recorders.values()) {
			for (MeterFamily family : recorder.families()) {
				Boolean exported = this.forced.get(family);
				if (exported != null) {
					recorder.forceFamily(family, exported);
				}
				else if (inUse.contains(family)) {
					recorder.familyInUse(family);
				}
			}
		}
	}

	private boolean consumesTasks() {
		ClassLoader classLoader = this.beanFactory.getBeanClassLoader();
		if (!ClassUtils.isPresent(TASK_OBSERVATIONS, classLoader)) {
			return false;
		}
		Class<?> type = ClassUtils.resolveClassName(TASK_OBSERVATIONS, classLoader);
		for (String name : this.beanFactory.getBeanNamesForType(type, false, false)) {
			if (injectedByApplication(name)) {
				return true;
			}
		}
		return false;
	}

	private boolean injectedByApplication(String beanName) {
		for (String dependent : this.beanFactory.getDependentBeans(beanName)) {
			if (!declaredByAutoConfiguration(dependent)) {
				return true;
			}
		}
		return false;
	}

	private boolean declaredByAutoConfiguration(String beanName) {
		for (Class<?> type = declaringClass(beanName); type != null; type = type.getEnclosingClass()) {
			if (MergedAnnotations.from(type).isPresent(AutoConfiguration.class)) {
				return true;
			}
		}
		return false;
	}

	// The configuration class of a @Bean method, otherwise the bean's own class.
	private @Nullable Class<?> declaringClass(String beanName) {
		if (!this.beanFactory.containsBeanDefinition(beanName)) {
			return null;
		}
		BeanDefinition definition = this.beanFactory.getBeanDefinition(beanName);
		String factoryBean = definition.getFactoryBeanName();
		if (factoryBean != null) {
			Class<?> type = this.beanFactory.getType(factoryBean, false);
			return (type != null) ? ClassUtils.getUserClass(type) : null;
		}
		String className = definition.getBeanClassName();
		ClassLoader classLoader = this.beanFactory.getBeanClassLoader();
		return (className != null && ClassUtils.isPresent(className, classLoader))
				? ClassUtils.resolveClassName(className, classLoader) : null;
	}

}
