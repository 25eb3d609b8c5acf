package io.fetchbox.observability.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract suite against the in-process testkit. After the suite it checks, from the
 * server's own counters, that the suite sent every one of the 47 command codes.
 */
class IggyTestkitContractTests extends AbstractIggyContractTests {

	@RegisterExtension
	static final IggyTestkitExtension iggy = new IggyTestkitExtension();

	@Override
	protected String host() {
		return iggy.host();
	}

	@Override
	protected int port() {
		return iggy.port();
	}

	@AfterAll
	void theSuiteExercisedEveryCommandCode() throws IllegalAccessException {
		List<String> unexercised = new ArrayList<>();
		int codes = 0;
		for (Field field : IggyCommands.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
				codes++;
				if (iggy.server().commandsReceived(field.getInt(null)) == 0) {
					unexercised.add(field.getName());
				}
			}
		}
		assertThat(codes).isEqualTo(47);
		assertThat(unexercised).as("command codes the contract suite never sent").isEmpty();
	}

}
