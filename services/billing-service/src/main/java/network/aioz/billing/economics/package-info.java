/**
 * The platform's token economics as pure, exact functions: fee splits, burns, inflation and
 * minting, edge rewards per epoch and their Merkle root, in integer base units and exact rationals.
 */
package network.aioz.billing.economics;
