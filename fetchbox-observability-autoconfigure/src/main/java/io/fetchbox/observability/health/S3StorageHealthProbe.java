package io.fetchbox.observability.health;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Storage check for an S3 bucket through the AWS SDK: {@code HeadBucket} (bucket exists
 * and the credentials may use it). Give the client API call timeouts; the probe's time
 * budget covers a client that hangs anyway.
 *
 * @since 0.1.0
 */
public class S3StorageHealthProbe implements StorageHealthProbe {

	private final S3Client client;

	private final String bucket;

	/**
	 * Create the probe.
	 * @param client the S3 client
	 * @param bucket the bucket objects are stored in
	 */
	public S3StorageHealthProbe(S3Client client, String bucket) {
		Assert.notNull(client, "'client' must not be null");
		Assert.hasText(bucket, "'bucket' must not be empty");
		this.client = client;
		this.bucket = bucket;
	}

	@Override
	public void probe(Health.Builder builder) {
		builder.withDetail("type", "s3").withDetail("bucket", this.bucket);
		try {
			this.client.headBucket((request) -> request.bucket(this.bucket));
			builder.up();
		}
		catch (NoSuchBucketException ex) {
			builder.down().withDetail("error", "bucket '" + this.bucket + "' does not exist");
		}
		catch (S3Exception ex) {
			String error = (ex.statusCode() == 404) ? "bucket '" + this.bucket + "' does not exist"
					: "S3 answered " + ex.statusCode();
			builder.down().withDetail("error", error);
		}
	}

}
