package io.fetchbox.observability.logging;

import java.io.ByteArrayInputStream;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder of {@code json-console-appender.xml}, the JSON line applications include in
 * their own Logback configuration: what the starter's in-code line is checked against.
 */
final class XmlConsoleEncoder {

	private XmlConsoleEncoder() {
	}

	/**
	 * Configure the appender in the given context and return its encoder.
	 * @param context where to configure it
	 * @param properties context properties ({@code FETCHBOX_SERVICE}, ...): plain Joran
	 * has no {@code <springProperty>}
	 * @return the encoder
	 * @throws JoranException if the configuration fails
	 */
	static Encoder<ILoggingEvent> create(LoggerContext context, Map<String, String> properties) throws JoranException {
		StringBuilder xml = new StringBuilder("<configuration>\n");
		properties.forEach((name, value) -> xml.append("<property scope=\"context\" name=\"")
			.append(name)
			.append("\" value=\"")
			.append(value.replace("&", "&amp;").replace("\"", "&quot;"))
			.append("\"/>\n"));
		xml.append("<include resource=\"io/fetchbox/observability/logging/json-console-appender.xml\"/>\n")
			.append("<root level=\"INFO\"><appender-ref ref=\"FETCHBOX_JSON_CONSOLE\"/></root>\n")
			.append("</configuration>\n");
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(context);
		configurator.doConfigure(new ByteArrayInputStream(xml.toString().getBytes(UTF_8)));
		OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) context
			.getLogger(Logger.ROOT_LOGGER_NAME)
			.getAppender("FETCHBOX_JSON_CONSOLE");
		assertThat(appender).as("the XML appender").isNotNull();
		return appender.getEncoder();
	}

}
