package io.fetchbox.observability.test.iggy;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

import io.fetchbox.observability.autoconfigure.iggy.IggyConnectionDetails;

/**
 * {@link ContainerConnectionDetailsFactory} to create {@link IggyConnectionDetails} from
 * a {@code @ServiceConnection}-annotated {@link IggyContainer}.
 */
class IggyContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<IggyContainer, IggyConnectionDetails> {

	@Override
	protected IggyConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<IggyContainer> source) {
		return new IggyContainerConnectionDetails(source);
	}

	/**
	 * {@link IggyConnectionDetails} backed by a {@link ContainerConnectionSource}.
	 */
	private static final class IggyContainerConnectionDetails extends ContainerConnectionDetails<IggyContainer>
			implements IggyConnectionDetails {

		private IggyContainerConnectionDetails(ContainerConnectionSource<IggyContainer> source) {
			super(source);
		}

		@Override
		public String getHost() {
			return getContainer().getHost();
		}

		@Override
		public int getPort() {
			return getContainer().getTcpPort();
		}

		@Override
		public String getUsername() {
			return getContainer().getUsername();
		}

		@Override
		public String getPassword() {
			return getContainer().getPassword();
		}

	}

}
