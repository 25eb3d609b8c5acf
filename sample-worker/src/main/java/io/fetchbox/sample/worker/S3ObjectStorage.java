package io.fetchbox.sample.worker;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Stores objects in an S3 bucket (or an S3-compatible server) with the AWS SDK.
 */
class S3ObjectStorage implements ObjectStorage {

	private final S3Client s3;

	private final String bucket;

	S3ObjectStorage(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	S3Client client() {
		return this.s3;
	}

	String bucket() {
		return this.bucket;
	}

	@Override
	public String put(String key, byte[] body, String contentType) throws DownloadFailure {
		try {
			this.s3.putObject(PutObjectRequest.builder().bucket(this.bucket).key(key).contentType(contentType).build(),
					RequestBody.fromBytes(body));
			return "s3://" + this.bucket + "/" + key;
		}
		catch (S3Exception ex) {
			String error = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : null;
			throw new DownloadFailure("s3_" + ex.statusCode(),
					"S3 put failed: HTTP " + ex.statusCode() + ((error != null) ? " " + error : ""),
					ex.statusCode() >= 500, ex);
		}
		catch (SdkException ex) {
			throw new DownloadFailure("s3_io", "S3 put failed: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""), true, ex);
		}
	}

}
