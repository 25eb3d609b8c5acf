package io.fetchbox.observability.messages;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folding a job's status messages the way the ledger does.
 */
class JobProgressTests {

	@Test
	void announcedJobEndsPartialWithTheLastCountedError() {
		JobProgress progress = new JobProgress();
		assertThat(progress.state()).isEqualTo(JobState.JOB_STATE_UNKNOWN);
		assertThat(progress.apply(queued(3), null)).isEqualTo(JobProgress.Change.ANNOUNCED);
		assertThat(progress.state()).isEqualTo(JobState.JOB_STATE_QUEUED);
		assertThat(progress.apply(started(), "a")).isEqualTo(JobProgress.Change.STARTED);
		assertThat(progress.state()).isEqualTo(JobState.JOB_STATE_IN_PROGRESS);
		assertThat(progress.apply(completed(), "a")).isEqualTo(JobProgress.Change.COUNTED);
		assertThat(progress.apply(failed("http_404", "gone"), "b")).isEqualTo(JobProgress.Change.COUNTED);
		assertThat(progress.state()).isEqualTo(JobState.JOB_STATE_IN_PROGRESS);
		assertThat(progress.apply(completed(), "c")).isEqualTo(JobProgress.Change.COUNTED);
		assertThat(progress.state()).isEqualTo(JobState.JOB_STATE_PARTIAL);
		assertThat(progress.completed()).isEqualTo(2);
		assertThat(progress.failed()).isEqualTo(1);
		assertThat(progress.total()).isEqualTo(3);
		assertThat(progress.lastErrorCode()).isEqualTo("http_404");
		assertThat(progress.lastErrorMessage()).isEqualTo("gone");
	}

	@Test
	void aRepeatedOutcomeIsCountedOnce() {
		JobProgress progress = new JobProgress();
		progress.apply(queued(2), null);
		progress.apply(completed(), "a");
		assertThat(progress.apply(completed(), "a")).isEqualTo(JobProgress.Change.DUPLICATE);
		assertThat(progress.apply(failed("timeout", "slow"), "a")).isEqualTo(JobProgress.Change.DUPLICATE);
		assertThat(progress.completed()).isEqualTo(1);
		assertThat(progress.failed()).isZero();
		assertThat(progress.lastErrorCode()).isEmpty();
		assertThat(progress.state()).isEqualTo(JobState.JOB_STATE_IN_PROGRESS);
	}

	@Test
	void withoutAnAnnouncementTheJobNeverLooksFinished() {
		JobProgress progress = new JobProgress();
		progress.apply(completed(), "a");
		assertThat(progress.state()).isEqualTo(JobState.JOB_STATE_IN_PROGRESS);
		assertThat(progress.total()).isZero();
	}

	@Test
	void anAnnouncementReadAfterTheOutcomesSettlesTheState() {
		JobProgress progress = new JobProgress();
		progress.apply(failed("http_404", "gone"), "a");
		progress.apply(failed("http_404", "gone"), "b");
		progress.apply(queued(2), null);
		assertThat(progress.state()).isEqualTo(JobState.JOB_STATE_FAILED);
	}

	@Test
	void stateFollowsTheCounts() {
		assertThat(JobProgress.state(3, 1, 1)).isEqualTo(JobState.JOB_STATE_IN_PROGRESS);
		assertThat(JobProgress.state(3, 3, 0)).isEqualTo(JobState.JOB_STATE_COMPLETED);
		assertThat(JobProgress.state(3, 0, 3)).isEqualTo(JobState.JOB_STATE_FAILED);
		assertThat(JobProgress.state(3, 2, 1)).isEqualTo(JobState.JOB_STATE_PARTIAL);
	}

	private static JobStatus queued(int total) {
		return JobStatus.newBuilder()
			.setJobId("j")
			.setState(JobState.JOB_STATE_QUEUED)
			.setResourcesTotal(total)
			.build();
	}

	private static JobStatus started() {
		return JobStatus.newBuilder().setJobId("j").setState(JobState.JOB_STATE_IN_PROGRESS).build();
	}

	private static JobStatus completed() {
		return started().toBuilder().setResourcesCompleted(1).build();
	}

	private static JobStatus failed(String code, String message) {
		return started().toBuilder().setResourcesFailed(1).setLastErrorCode(code).setLastErrorMessage(message).build();
	}

}
