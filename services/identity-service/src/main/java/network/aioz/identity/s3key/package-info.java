/** S3 access key pairs: secrets encrypted at rest and resolved for the storage service. */
package network.aioz.identity.s3key;
