package io.fetchbox.observability.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Adds the FetchBox dependency indicators ({@code iggy}, {@code storage}, {@code ledger})
 * to the {@code readiness} group. Done here rather than through
 * {@code management.endpoint.health.group.readiness.include} because that property fails
 * startup when it names an indicator that does not exist (a service without a ledger),
 * and which ones exist depends on the service.
 */
class ReadinessMembersPostProcessor implements HealthEndpointGroupsPostProcessor {

	static final String READINESS = "readiness";

	private final Set<String> members;

	ReadinessMembersPostProcessor(Set<String> members) {
		this.members = Set.copyOf(members);
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup readiness = groups.get(READINESS);
		if (readiness == null) {
			return groups;
		}
		Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
		for (String name : groups.getNames()) {
			all.put(name, groups.get(name));
		}
		all.put(READINESS, new WithMembers(readiness, this.members));
		return HealthEndpointGroups.of(groups.getPrimary(), all);
	}

	private record WithMembers(HealthEndpointGroup delegate, Set<String> members) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return this.members.contains(name) || this.delegate.isMember(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.delegate.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.delegate.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.delegate.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.delegate.getHttpCodeStatusMapper();
		}

		@Override
		public AdditionalHealthEndpointPath getAdditionalPath() {
			return this.delegate.getAdditionalPath();
		}

	}

}
