package network.aioz.chain.settlement;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import network.aioz.chain.contracts.generated.SettlementRegistry;
import network.aioz.chain.node.ChainNode;
import network.aioz.chain.node.ChainSettings;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * The SettlementRegistry as the adapter uses it: calls encoded and events decoded by the web3j
 * wrapper generated from the compiled ABI; reads go through {@link ChainNode}.
 */
class Registry {

  static final String EPOCH_COMMITTED =
      EventEncoder.encode(SettlementRegistry.EPOCHCOMMITTED_EVENT);

  private final ChainNode node;
  private final SettlementRegistry contract;
  private final String address;
  private final ChainSettings.Logs logs;

  Registry(ChainNode node, Web3j web3j, ChainSettings settings) {
    this.node = node;
    this.address = settings.contracts().registry();
    if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalStateException(
          "chain.contracts.registry (env CHAIN_REGISTRY_ADDRESS) must be the SettlementRegistry's"
              + " address");
    }
    this.contract =
        SettlementRegistry.load(
            address,
            web3j,
            new ReadonlyTransactionManager(web3j, address),
            new DefaultGasProvider());
    this.logs = settings.logs();
  }

  String address() {
    return address;
  }

  byte[] commitCall(
      long epoch, String receiptsRoot, String rewardsRoot, FeeTotals fees, String previous) {
    return Numeric.hexStringToByteArray(
        contract
            .commitEpoch(
                BigInteger.valueOf(epoch),
                Numeric.hexStringToByteArray(receiptsRoot),
                Numeric.hexStringToByteArray(rewardsRoot),
                fees.onChain(),
                Numeric.hexStringToByteArray(previous))
            .encodeFunctionCall());
  }

  /**
   * The commitment the contract computes: keccak256(abi.encode(epoch, roots, totals, previous)).
   */
  static String commitment(
      long epoch, String receiptsRoot, String rewardsRoot, FeeTotals fees, String previous) {
    String encoded =
        FunctionEncoder.encodeConstructor(
            List.of(
                new Uint64(epoch),
                new Bytes32(Numeric.hexStringToByteArray(receiptsRoot)),
                new Bytes32(Numeric.hexStringToByteArray(rewardsRoot)),
                fees.onChain(),
                new Bytes32(Numeric.hexStringToByteArray(previous))));
    return Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(encoded)));
  }

  /** The epoch's commitment on chain; the zero hash when it was not committed. */
  String commitmentOf(long epoch) {
    return bytes32(contract.commitmentOf(BigInteger.valueOf(epoch)).encodeFunctionCall());
  }

  String latestCommitment() {
    return bytes32(contract.latestCommitment().encodeFunctionCall());
  }

  long latestEpoch() {
    return new BigInteger(
            1,
            node.call(
                null,
                address,
                Numeric.hexStringToByteArray(contract.latestEpoch().encodeFunctionCall()),
                null))
        .longValueExact();
  }

  private String bytes32(String call) {
    byte[] answer = node.call(null, address, Numeric.hexStringToByteArray(call), null);
    if (answer.length != 32) {
      throw new IllegalStateException(
          "the registry at " + address + " answered " + answer.length + " bytes, not 32");
    }
    return Numeric.toHexString(answer);
  }

  /** The registry's EpochCommitted events in a receipt. */
  List<SettlementRegistry.EpochCommittedEventResponse> committedIn(TransactionReceipt receipt) {
    return SettlementRegistry.getEpochCommittedEvents(receipt).stream()
        .filter(e -> address.equalsIgnoreCase(e.log.getAddress()))
        .toList();
  }

  /**
   * The EpochCommitted log of {@code epoch}, searched from the head back to {@code notBefore} (the
   * block of the epoch's predecessor's commit) or else the configured start block, {@code
   * maxBlockRange} blocks per query.
   */
  Optional<SettlementRegistry.EpochCommittedEventResponse> findCommit(long epoch, Long notBefore) {
    String topic = Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(epoch), 64);
    long lowest = Math.max(logs.startBlock(), notBefore == null ? 0 : notBefore);
    long to = node.blockNumber();
    while (to >= lowest) {
      long from = Math.max(lowest, to - logs.maxBlockRange() + 1);
      List<Log> found = node.logs(address, EPOCH_COMMITTED, topic, from, to);
      if (!found.isEmpty()) {
        return Optional.of(SettlementRegistry.getEpochCommittedEventFromLog(found.getLast()));
      }
      to = from - 1;
    }
    return Optional.empty();
  }
}
