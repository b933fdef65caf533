/**
 * Reed–Solomon erasure coding over GF(2^8): splits data into k shards plus m parity shards so that
 * any k of them rebuild the rest.
 */
package network.aioz.erasure;
