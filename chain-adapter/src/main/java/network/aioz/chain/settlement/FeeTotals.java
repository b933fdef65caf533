package network.aioz.chain.settlement;

import java.math.BigInteger;

/** An epoch's fee split, in base units (never negative). */
public record FeeTotals(
    BigInteger creators,
    BigInteger edges,
    BigInteger validators,
    BigInteger treasury,
    BigInteger burned) {

  /** As the contract's struct, for encoding the call. */
  network.aioz.chain.contracts.generated.SettlementRegistry.FeeTotals onChain() {
    return new network.aioz.chain.contracts.generated.SettlementRegistry.FeeTotals(
        creators, edges, validators, treasury, burned);
  }

  /** As JSON shows it: decimal strings. */
  public record View(
      String creators, String edges, String validators, String treasury, String burned) {}

  public View view() {
    return new View(
        creators.toString(),
        edges.toString(),
        validators.toString(),
        treasury.toString(),
        burned.toString());
  }
}
