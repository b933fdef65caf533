/**
 * The funds gate: a tenant whose billing balance cannot cover new work may not start new writes.
 */
package network.aioz.storage.funds;
