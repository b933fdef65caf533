/**
 * {@code Idempotency-Key} on POST and PATCH (draft-ietf-httpapi-idempotency-key-header): the first
 * response is stored and replayed to retries, a concurrent duplicate gets 409, the same key with
 * another payload 422.
 */
package network.aioz.gateway.idempotency;
