/**
 * SHA-256 Merkle trees over the fixed-size blocks of a stored piece (RFC 6962 Merkle Tree Hash),
 * the commitment that Proof of Storage challenges are checked against.
 */
package network.aioz.shared.merkle.rfc6962;
