/**
 * Load driver for S3 throughput, request rates and the storage service's heap on the local stack.
 */
package network.aioz.benchmarks.s3;
