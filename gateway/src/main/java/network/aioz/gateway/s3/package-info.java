/** Recognises S3 API traffic and sends it, byte for byte, to the storage service. */
package network.aioz.gateway.s3;
