/**
 * Token amounts as exact integers of base units (18 decimals) and exact apportionment of an amount
 * between parties, so that fee splits and rewards never gain or lose a base unit.
 */
package network.aioz.shared.amount;
