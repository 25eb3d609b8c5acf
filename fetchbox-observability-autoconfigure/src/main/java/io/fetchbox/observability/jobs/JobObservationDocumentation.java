package io.fetchbox.observability.jobs;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Observations of the FetchBox job flow: work done for a job in any code, publishing a
 * {@code DownloadTask} and running it in a worker.
 *
 * @since 0.1.0
 */
public enum JobObservationDocumentation implements ObservationDocumentation {

	/**
	 * Work for a job opened with {@code JobScopes.open}, a child of the thread's current
	 * observation or span.
	 */
	JOB {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultJobScopeObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { TaskLowCardinalityKeys.JOB_TYPE, TaskLowCardinalityKeys.OUTCOME,
					TaskLowCardinalityKeys.TRACE };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return TaskHighCardinalityKeys.values();
		}
	},

	/**
	 * One task run by a worker, a child of the context the task carried.
	 */
	TASK {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTaskObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { TaskLowCardinalityKeys.JOB_TYPE, TaskLowCardinalityKeys.OUTCOME,
					TaskLowCardinalityKeys.TRACE };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return TaskHighCardinalityKeys.values();
		}
	},

	/**
	 * Publishing one task to {@code jobs.tasks}, or one report about a task
	 * ({@code JobStatus}, {@code DeadLetterTask}); injects the trace context into the
	 * message headers.
	 */
	TASK_PUBLISH {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTaskPublishObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { TaskLowCardinalityKeys.JOB_TYPE, TaskLowCardinalityKeys.MESSAGE_TYPE };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return TaskHighCardinalityKeys.values();
		}
	};

	/**
	 * Low-cardinality keys (become metric tags).
	 */
	public enum TaskLowCardinalityKeys implements KeyName {

		/** Job type, as configured by the service (a small closed set). */
		JOB_TYPE {
			@Override
			public String asString() {
				return "job_type";
			}
		},

		/** {@code succeeded}, {@code failed} or {@code dead_lettered}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * {@code present} when the scope continued a trace (a task's message context, or
		 * the thread's current span), {@code missing} when it started a new one.
		 */
		TRACE {
			@Override
			public String asString() {
				return "trace";
			}
		},

		/** Protobuf message name of a published message. */
		MESSAGE_TYPE {
			@Override
			public String asString() {
				return "message_type";
			}
		}

	}

	/**
	 * High-cardinality keys (span attributes only).
	 */
	public enum TaskHighCardinalityKeys implements KeyName {

		/** Job id. */
		JOB_ID {
			@Override
			public String asString() {
				return "job_id";
			}
		},

		/** Resource id within the job. */
		RESOURCE_ID {
			@Override
			public String asString() {
				return "resource_id";
			}
		},

		/** Tenant owning the job. */
		TENANT {
			@Override
			public String asString() {
				return "tenant";
			}
		}

	}

}
