package network.aioz.chain.contracts;

import static network.aioz.chain.contracts.Chain.calldata;
import static network.aioz.chain.contracts.Chain.selector;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * {@code SettlementRegistry} on a real chain: the commitment chain, its guards and key rotation.
 */
class SettlementRegistryIntegrationTests {

  static final String COMMIT =
      "commitEpoch(uint64,bytes32,bytes32,(uint256,uint256,uint256,uint256,uint256),bytes32)";
  static final byte[] NO_PREVIOUS = new byte[32];

  private static Chain chain;
  private static Chain.Account admin;
  private static Chain.Account stranger;

  @BeforeAll
  static void startChain() {
    chain = Chain.start();
    admin = chain.deployer();
    stranger = chain.account(Chain.OTHER_PRIVATE_KEY);
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  /** A registry whose admin and first committer is the deployer. */
  static String deployRegistry(Chain chain, Chain.Account admin) {
    return admin.deploy(
        Contracts.load(Contracts.SETTLEMENT_REGISTRY),
        new Address(admin.address()),
        new Address(admin.address()));
  }

  static String commit(
      long epoch, byte[] receiptsRoot, byte[] rewardsRoot, long[] totals, byte[] previous) {
    return calldata(
        COMMIT,
        new Uint64(epoch),
        new Bytes32(receiptsRoot),
        new Bytes32(rewardsRoot),
        totals(totals),
        new Bytes32(previous));
  }

  static StaticStruct totals(long... amounts) {
    return new StaticStruct(
        new Uint256(amounts[0]),
        new Uint256(amounts[1]),
        new Uint256(amounts[2]),
        new Uint256(amounts[3]),
        new Uint256(amounts[4]));
  }

  @Test
  void committedEpochsChainTheirCommitmentsAndAreReadable() {
    String registry = deployRegistry(chain, admin);
    byte[] receipts1 = Hash.sha3("receipts-1".getBytes());
    byte[] rewards1 = Hash.sha3("rewards-1".getBytes());
    long[] totals1 = {600, 250, 50, 80, 20};

    TransactionReceipt first =
        admin.send(registry, commit(1, receipts1, rewards1, totals1, NO_PREVIOUS));

    byte[] expected1 =
        Hash.sha3(
            Chain.abiEncode(
                new Uint64(1),
                new Bytes32(receipts1),
                new Bytes32(rewards1),
                totals(totals1),
                new Bytes32(NO_PREVIOUS)));
    assertThat(bytes32(registry, "latestCommitment")).isEqualTo(expected1);
    assertThat(bytes32(registry, "commitmentOf", 1)).isEqualTo(expected1);
    assertThat(bytes32(registry, "rewardsRootOf", 1)).isEqualTo(rewards1);
    assertThat(uint(registry, "latestEpoch")).isEqualTo(1);

    Log event = onlyLog(first);
    assertThat(event.getTopics())
        .containsExactly(
            Hash.sha3String(
                "EpochCommitted(uint64,bytes32,bytes32,(uint256,uint256,uint256,uint256,uint256),bytes32,bytes32)"),
            Numeric.toHexStringWithPrefixZeroPadded(BigInteger.ONE, 64),
            Numeric.toHexString(expected1));
    assertThat(event.getData())
        .isEqualTo(
            "0x"
                + org.web3j.abi.FunctionEncoder.encodeConstructor(
                    List.of(
                        new Bytes32(receipts1),
                        new Bytes32(rewards1),
                        totals(totals1),
                        new Bytes32(NO_PREVIOUS))));

    byte[] rewards2 = Hash.sha3("rewards-2".getBytes());
    TransactionReceipt second =
        admin.send(registry, commit(2, receipts1, rewards2, totals1, expected1));
    assertThat(uint(registry, "latestEpoch")).isEqualTo(2);
    assertThat(bytes32(registry, "rewardsRootOf", 2)).isEqualTo(rewards2);
    assertThat(bytes32(registry, "latestCommitment"))
        .isEqualTo(bytes32(registry, "commitmentOf", 2));

    System.out.printf(
        "gas: SettlementRegistry.commitEpoch first=%d next=%d%n",
        first.getGasUsed(), second.getGasUsed());
  }

  @Test
  void anEpochIsCommittedOnceAndNeverBehindTheLatest() {
    String registry = deployRegistry(chain, admin);
    long[] totals = {1, 2, 3, 4, 5};
    byte[] root = Hash.sha3("root".getBytes());
    admin.send(registry, commit(1, root, root, totals, NO_PREVIOUS));
    byte[] latest = bytes32(registry, "latestCommitment");

    String again = admin.reverts(registry, commit(1, root, root, totals, latest));
    assertThat(again).isEqualTo(selector("EpochAlreadyCommitted(uint64)") + word(BigInteger.ONE));

    admin.send(registry, commit(3, root, root, totals, latest));
    assertThat(
            admin.reverts(
                registry, commit(2, root, root, totals, bytes32(registry, "latestCommitment"))))
        .startsWith(selector("EpochAlreadyCommitted(uint64)"));
    assertThat(uint(registry, "latestEpoch")).isEqualTo(3);
  }

  @Test
  void aCommitMustNameTheLatestCommitmentAsPrevious() {
    String registry = deployRegistry(chain, admin);
    long[] totals = {1, 2, 3, 4, 5};
    byte[] root = Hash.sha3("root".getBytes());
    byte[] wrong = Hash.sha3("not the latest".getBytes());

    assertThat(admin.reverts(registry, commit(1, root, root, totals, wrong)))
        .startsWith(selector("PreviousCommitmentMismatch(bytes32,bytes32)"));

    admin.send(registry, commit(1, root, root, totals, NO_PREVIOUS));
    String mismatch = admin.reverts(registry, commit(2, root, root, totals, NO_PREVIOUS));
    assertThat(mismatch)
        .isEqualTo(
            selector("PreviousCommitmentMismatch(bytes32,bytes32)")
                + Numeric.cleanHexPrefix(Numeric.toHexString(bytes32(registry, "commitmentOf", 1)))
                + word(BigInteger.ZERO));
    assertThat(uint(registry, "latestEpoch")).isEqualTo(1);
  }

  @Test
  void onlyCommittersCommitAndRevokingACommitterStopsIt() {
    String registry = deployRegistry(chain, admin);
    long[] totals = {1, 2, 3, 4, 5};
    byte[] root = Hash.sha3("root".getBytes());
    String unauthorized = selector("AccessControlUnauthorizedAccount(address,bytes32)");
    String committerRole = Numeric.toHexString(Hash.sha3("COMMITTER_ROLE".getBytes()));
    assertThat(Numeric.toHexString(bytes32(registry, "COMMITTER_ROLE"))).isEqualTo(committerRole);

    assertThat(stranger.reverts(registry, commit(1, root, root, totals, NO_PREVIOUS)))
        .isEqualTo(
            unauthorized
                + word(Numeric.toBigInt(stranger.address()))
                + Numeric.cleanHexPrefix(committerRole));
    assertThat(stranger.reverts(registry, roleCall("grantRole", committerRole, stranger)))
        .as("a committer cannot grant itself the role")
        .startsWith(unauthorized);

    admin.send(registry, roleCall("grantRole", committerRole, stranger));
    stranger.send(registry, commit(1, root, root, totals, NO_PREVIOUS));

    admin.send(registry, roleCall("revokeRole", committerRole, stranger));
    byte[] latest = bytes32(registry, "latestCommitment");
    assertThat(stranger.reverts(registry, commit(2, root, root, totals, latest)))
        .startsWith(unauthorized);
    admin.send(registry, commit(2, root, root, totals, latest));
    assertThat(uint(registry, "latestEpoch")).isEqualTo(2);
  }

  private static String roleCall(String function, String role, Chain.Account account) {
    return calldata(
        function + "(bytes32,address)",
        new Bytes32(Numeric.hexStringToByteArray(role)),
        new Address(account.address()));
  }

  private static byte[] bytes32(String registry, String function, long... epoch) {
    List<org.web3j.abi.datatypes.Type<?>> args =
        epoch.length == 0 ? List.of() : List.of(new Uint64(epoch[0]));
    return (byte[]) chain.value(registry, function, args, new TypeReference<Bytes32>() {});
  }

  private static long uint(String registry, String function) {
    return ((BigInteger) chain.value(registry, function, List.of(), uint64())).longValueExact();
  }

  private static TypeReference<Uint64> uint64() {
    return new TypeReference<>() {};
  }

  private static Log onlyLog(TransactionReceipt receipt) {
    assertThat(receipt.getLogs()).hasSize(1);
    return receipt.getLogs().getFirst();
  }

  static String word(BigInteger value) {
    return Numeric.toHexStringNoPrefixZeroPadded(value, 64);
  }
}
