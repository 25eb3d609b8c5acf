package io.fetchbox.observability.actuate;

import java.beans.PropertyDescriptor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ApplicationContext;

/**
 * The effective {@code fetchbox.telemetry.*} settings (defaults included), read from
 * every {@code @ConfigurationProperties} bean under that prefix, whoever contributes it.
 * Values of keys that look secret (password, token, secret, credentials, key, headers,
 * authorization) are replaced by {@code ******}.
 *
 * @since 0.1.0
 */
public class TelemetrySettingsSection implements FetchboxEndpointSection {

	/** Replacement of secret values. */
	public static final String REDACTED = "******";

	private static final String PREFIX = "fetchbox.telemetry";

	private static final Pattern SECRET = Pattern
		.compile(".*(password|token|secret|credential|key|headers|authorization).*");

	private static final int MAX_DEPTH = 6;

	private final ApplicationContext context;

	public TelemetrySettingsSection(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public String name() {
		return "settings";
	}

	@Override
	public Object snapshot() {
		Map<String, Object> settings = new TreeMap<>();
		for (ConfigurationPropertiesBean bean : ConfigurationPropertiesBean.getAll(this.context).values()) {
			String prefix = bean.getAnnotation().prefix();
			if (prefix.isEmpty()) {
				prefix = bean.getAnnotation().value();
			}
			if (prefix.equals(PREFIX) || prefix.startsWith(PREFIX + ".")) {
				settings.put(prefix, describe(bean.getInstance(), 0));
			}
		}
		return settings;
	}

	private static @Nullable Object describe(@Nullable Object value, int depth) {
		if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
				|| value instanceof Character) {
			return value;
		}
		if (value instanceof Enum<?> || value.getClass().getName().startsWith("java.")
				&& !(value instanceof Collection<?>) && !(value instanceof Map<?, ?>)) {
			return value.toString();
		}
		if (value instanceof org.springframework.util.unit.DataSize) {
			return value.toString();
		}
		if (depth >= MAX_DEPTH) {
			return value.toString();
		}
		if (value instanceof Collection<?> collection) {
			return collection.stream().map((item) -> describe(item, depth + 1)).toList();
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> result = new LinkedHashMap<>();
			map.forEach((key, item) -> result.put(String.valueOf(key), redact(String.valueOf(key), item, depth)));
			return result;
		}
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(value);
		Map<String, Object> result = new LinkedHashMap<>();
		for (PropertyDescriptor descriptor : wrapper.getPropertyDescriptors()) {
			String name = descriptor.getName();
			if ("class".equals(name) || descriptor.getReadMethod() == null) {
				continue;
			}
			try {
				result.put(kebab(name), redact(name, wrapper.getPropertyValue(name), depth));
			}
			catch (RuntimeException ex) {
				// unreadable property: leave it out
			}
		}
		return result;
	}

	private static @Nullable Object redact(String name, @Nullable Object value, int depth) {
		if (value != null && SECRET.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
			if (value instanceof Map<?, ?> map) {
				Map<String, Object> names = new LinkedHashMap<>();
				map.keySet().forEach((key) -> names.put(String.valueOf(key), REDACTED));
				return names;
			}
			return (value instanceof Collection<?> collection) ? List.of(REDACTED) : REDACTED;
		}
		return describe(value, depth + 1);
	}

	private static String kebab(String name) {
		StringBuilder result = new StringBuilder(name.length() + 4);
		for (char c : name.toCharArray()) {
			if (Character.isUpperCase(c)) {
				result.append('-').append(Character.toLowerCase(c));
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

}
