package io.fetchbox.observability.autoconfigure.iggy;

import org.jspecify.annotations.Nullable;

import io.fetchbox.observability.iggy.IggyAddress;

/**
 * Adapts {@link IggyProperties} to {@link IggyConnectionDetails}.
 */
class PropertiesIggyConnectionDetails implements IggyConnectionDetails {

	private final IggyProperties properties;

	private final IggyAddress address;

	PropertiesIggyConnectionDetails(IggyProperties properties) {
		this.properties = properties;
		this.address = IggyAddress.parse(properties.getAddress());
	}

	@Override
	public String getHost() {
		return this.address.host();
	}

	@Override
	public int getPort() {
		return this.address.port();
	}

	@Override
	public @Nullable String getUsername() {
		return this.properties.getUsername();
	}

	@Override
	public @Nullable String getPassword() {
		return this.properties.getPassword();
	}

	@Override
	public @Nullable String getPersonalAccessToken() {
		return this.properties.getPersonalAccessToken();
	}

}
