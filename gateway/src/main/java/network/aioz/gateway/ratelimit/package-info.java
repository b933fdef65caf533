/**
 * Token-bucket rate limits per tenant, per credential and per anonymous client, kept in PostgreSQL
 * so every gateway replica draws from the same buckets, announced with RateLimit headers.
 */
package network.aioz.gateway.ratelimit;
