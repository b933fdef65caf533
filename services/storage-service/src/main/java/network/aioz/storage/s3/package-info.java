/** The S3 protocol: request routing, XML bodies and errors in S3's own format. */
package network.aioz.storage.s3;
