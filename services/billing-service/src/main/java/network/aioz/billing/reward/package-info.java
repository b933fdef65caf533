/**
 * Edge rewards per epoch: consumes the task ledger's sealed epochs, pays the edges' pool by
 * RewardPolicy, keeps statements and the reward tree, and serves leaves with Merkle proofs.
 */
package network.aioz.billing.reward;
