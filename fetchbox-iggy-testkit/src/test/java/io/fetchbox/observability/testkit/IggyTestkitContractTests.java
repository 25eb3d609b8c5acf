package io.fetchbox.observability.testkit;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract suite against the in-process testkit.
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

}
