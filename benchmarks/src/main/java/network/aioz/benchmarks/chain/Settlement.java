package network.aioz.benchmarks.chain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import network.aioz.chain.contracts.generated.RewardsDistributor;
import network.aioz.chain.contracts.generated.SettlementRegistry;
import network.aioz.chain.contracts.generated.SettlementRegistry.EpochCommittedEventResponse;
import network.aioz.shared.merkle.Bytes32;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Commits epochs to the registry and claims rewards from the distributor, checking on chain that
 * each did what it should, so no gas figure comes from a transaction that did something else.
 */
final class Settlement {

  private final GasChain chain;
  private final SettlementRegistry registry;
  private final RewardsDistributor distributor;
  private final String distributorAddress;
  private byte[] previous = new byte[32];

  Settlement(GasChain chain, String registry, String distributor) {
    this.chain = chain;
    this.registry = chain.registry(registry);
    this.distributor = chain.distributor(distributor);
    this.distributorAddress = distributor;
  }

  /** Commits the epoch after the latest; the gas it used. */
  long commit(SyntheticEpoch epoch) throws Exception {
    TransactionReceipt receipt =
        registry
            .commitEpoch(
                BigInteger.valueOf(epoch.epoch()),
                epoch.receiptsRoot().toArray(),
                epoch.rewardsRoot().toArray(),
                epoch.totals(),
                previous)
            .send();
    List<EpochCommittedEventResponse> events = SettlementRegistry.getEpochCommittedEvents(receipt);
    if (events.size() != 1
        || !Arrays.equals(events.getFirst().receiptsRoot, epoch.receiptsRoot().toArray())) {
      throw new IllegalStateException("epoch " + epoch.epoch() + ": no EpochCommitted event");
    }
    byte[] commitment = events.getFirst().commitment;
    if (!Arrays.equals(registry.latestCommitment().send(), commitment)
        || !Arrays.equals(
            registry.rewardsRootOf(BigInteger.valueOf(epoch.epoch())).send(),
            epoch.rewardsRoot().toArray())) {
      throw new IllegalStateException("epoch " + epoch.epoch() + " is not the registry's latest");
    }
    previous = commitment;
    return receipt.getGasUsed().longValueExact();
  }

  /** Sends native tokens to the distributor for its claims. */
  void fund(BigInteger wei) throws Exception {
    chain.send(distributorAddress, "", wei);
  }

  /**
   * Claims leaf {@code index} of the epoch's rewards tree for its edge; the gas it used, after
   * checking the edge was paid exactly its amount and the leaf is marked claimed.
   */
  long claim(SyntheticEpoch epoch, int index) throws Exception {
    List<?> leaf = epoch.rewards().value(index);
    BigInteger epochNumber = (BigInteger) leaf.get(0);
    String edge = (String) leaf.get(1);
    BigInteger amount = (BigInteger) leaf.get(2);
    List<byte[]> proof = epoch.rewards().proof(index).stream().map(Bytes32::toArray).toList();
    BigInteger before = chain.balance(edge);
    TransactionReceipt receipt = distributor.claim(epochNumber, edge, amount, proof).send();
    if (!chain.balance(edge).equals(before.add(amount))
        || !distributor.isClaimed(epochNumber, edge, amount).send()) {
      throw new IllegalStateException("claim of " + edge + " in epoch " + epochNumber + " failed");
    }
    return receipt.getGasUsed().longValueExact();
  }
}
