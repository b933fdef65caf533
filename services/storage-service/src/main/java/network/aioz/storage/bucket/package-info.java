/** Buckets: ownership by tenant, region, redundancy policy, versioning, CORS and tags. */
package network.aioz.storage.bucket;
