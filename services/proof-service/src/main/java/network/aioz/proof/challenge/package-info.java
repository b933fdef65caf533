/**
 * Storage challenges: the scheduler that claims due pieces, the exchange with the edge, the
 * verification of its answer, and the result recorded with its {@code proof.result} event in one
 * transaction; plus the HTTP API that shows and forces challenges.
 */
package network.aioz.proof.challenge;
