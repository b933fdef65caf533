/**
 * S3 request authentication: AWS Signature Version 4 (header and presigned URL) and the verified,
 * decoded request body for every {@code x-amz-content-sha256} mode.
 */
package network.aioz.storage.s3.auth;
