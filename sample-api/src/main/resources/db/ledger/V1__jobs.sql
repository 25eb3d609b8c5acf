-- Job snapshots and per-resource outcomes. Counts on jobs are derived from job_resources,
-- so a status message delivered twice (at-least-once) cannot count twice.
CREATE TABLE jobs (
	job_id VARCHAR(64) NOT NULL PRIMARY KEY,
	job_type VARCHAR(64) NOT NULL,
	tenant VARCHAR(64) NOT NULL,
	state VARCHAR(32) NOT NULL,
	resources_total INT NOT NULL,
	resources_completed INT DEFAULT 0 NOT NULL,
	resources_failed INT DEFAULT 0 NOT NULL,
	last_error_code VARCHAR(64),
	last_error_message VARCHAR(1024),
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);

CREATE TABLE job_resources (
	job_id VARCHAR(64) NOT NULL,
	resource_id VARCHAR(128) NOT NULL,
	url VARCHAR(4096) NOT NULL,
	state VARCHAR(32) NOT NULL,
	error_code VARCHAR(64),
	error_message VARCHAR(1024),
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (job_id, resource_id)
);
