package network.aioz.chain.contracts;

import static network.aioz.chain.contracts.Chain.calldata;
import static network.aioz.chain.contracts.Chain.selector;
import static network.aioz.chain.contracts.SettlementRegistryIntegrationTests.NO_PREVIOUS;
import static network.aioz.chain.contracts.SettlementRegistryIntegrationTests.commit;
import static network.aioz.chain.contracts.SettlementRegistryIntegrationTests.word;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import network.aioz.shared.merkle.StandardMerkleTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * {@code RewardsDistributor} on a real chain, against a rewards root built the way billing's {@code
 * RewardTree} builds it: OpenZeppelin standard-tree leaves {@code (uint64 epoch, address edge,
 * uint256 amount)}.
 */
class RewardsDistributorIntegrationTests {

  private static final long EPOCH = 1;
  private static final List<String> LEAF_TYPES = List.of("uint64", "address", "uint256");
  private static final String CLAIM = "claim(uint64,address,uint256,bytes32[])";
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);

  private static Chain chain;
  private static Chain.Account admin;
  private static Chain.Account stranger;
  private static String registry;
  private static List<String> edges;
  private static List<BigInteger> amounts;
  private static StandardMerkleTree<List<?>> tree;

  @BeforeAll
  static void commitAnEpochOfRewards() {
    chain = Chain.start();
    admin = chain.deployer();
    stranger = chain.account(Chain.OTHER_PRIVATE_KEY);
    registry = SettlementRegistryIntegrationTests.deployRegistry(chain, admin);

    edges = List.of(address("edge-a"), address("edge-b"), address("edge-c"), address("edge-d"));
    amounts =
        List.of(
            new BigInteger("1250000000000000000"),
            new BigInteger("300000000000000000"),
            BigInteger.valueOf(7),
            new BigInteger("2000000000000000000"));
    List<List<?>> leaves =
        java.util.stream.IntStream.range(0, edges.size())
            .<List<?>>mapToObj(
                i -> List.of(BigInteger.valueOf(EPOCH), edges.get(i), amounts.get(i)))
            .toList();
    tree = StandardMerkleTree.of(leaves, LEAF_TYPES);
    admin.send(
        registry,
        commit(
            EPOCH,
            Hash.sha3("receipts".getBytes()),
            tree.root().toArray(),
            new long[] {0, 0, 0, 0, 0},
            NO_PREVIOUS));
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  void anyoneSubmitsAValidClaimAndTheEdgeIsPaidInTheNativeToken() {
    String distributor = nativeDistributor(ETHER.multiply(BigInteger.TEN));
    String edge = edges.get(0);
    BigInteger amount = amounts.get(0);
    BigInteger submitterBefore = chain.balance(stranger.address());
    assertThat(chain.balance(edge)).isZero();

    TransactionReceipt receipt = stranger.send(distributor, claim(0, amount));

    assertThat(chain.balance(edge)).isEqualTo(amount);
    assertThat(chain.balance(distributor))
        .isEqualTo(ETHER.multiply(BigInteger.TEN).subtract(amount));
    assertThat(chain.balance(stranger.address())).isLessThan(submitterBefore);
    assertThat(receipt.getLogs()).hasSize(1);
    Log claimed = receipt.getLogs().getFirst();
    assertThat(claimed.getTopics())
        .containsExactly(
            Hash.sha3String("Claimed(uint64,address,uint256)"),
            "0x" + word(BigInteger.valueOf(EPOCH)),
            "0x" + word(Numeric.toBigInt(edge)));
    assertThat(claimed.getData()).isEqualTo("0x" + word(amount));
    assertThat(isClaimed(distributor, 0)).isTrue();
    assertThat(isClaimed(distributor, 1)).isFalse();

    TransactionReceipt small = admin.send(distributor, claim(2, amounts.get(2)));
    assertThat(chain.balance(edges.get(2))).isEqualTo(amounts.get(2));
    System.out.printf(
        "gas: RewardsDistributor.claim native=%d native(2nd leaf)=%d (tree of %d leaves)%n",
        receipt.getGasUsed(), small.getGasUsed(), tree.size());
  }

  @Test
  void aClaimIsPaidOnce() {
    String distributor = nativeDistributor(ETHER.multiply(BigInteger.TEN));
    stranger.send(distributor, claim(1, amounts.get(1)));

    String again = stranger.reverts(distributor, claim(1, amounts.get(1)));

    assertThat(again)
        .isEqualTo(
            selector("AlreadyClaimed(uint64,address)")
                + word(BigInteger.valueOf(EPOCH))
                + word(Numeric.toBigInt(edges.get(1))));
    assertThat(chain.balance(edges.get(1))).isEqualTo(amounts.get(1));
  }

  @Test
  void aProofThatDoesNotReachTheEpochsRootIsRefused() {
    String distributor = nativeDistributor(ETHER.multiply(BigInteger.TEN));
    String invalidProof = selector("InvalidProof()");
    List<Bytes32> proof = proof(3);

    assertThat(
            stranger.reverts(
                distributor, claim(EPOCH, edges.get(3), amounts.get(3).add(BigInteger.ONE), proof)))
        .as("a larger amount")
        .isEqualTo(invalidProof);
    assertThat(stranger.reverts(distributor, claim(EPOCH, edges.get(2), amounts.get(3), proof)))
        .as("another edge")
        .isEqualTo(invalidProof);
    assertThat(stranger.reverts(distributor, claim(EPOCH, edges.get(3), amounts.get(3), proof(2))))
        .as("another leaf's proof")
        .isEqualTo(invalidProof);
    assertThat(stranger.reverts(distributor, claim(EPOCH + 1, edges.get(3), amounts.get(3), proof)))
        .as("an epoch not committed")
        .isEqualTo(invalidProof);
    assertThat(chain.balance(edges.get(3))).isZero();
  }

  @Test
  void aTokenFundedDistributorPaysInTheToken() {
    String token = admin.deploy(Contracts.load("TestToken"));
    String distributor =
        admin.deploy(
            Contracts.load(Contracts.REWARDS_DISTRIBUTOR),
            new Address(registry),
            new Address(token));
    BigInteger funding = ETHER.multiply(BigInteger.valueOf(100));
    admin.send(
        token, calldata("mint(address,uint256)", new Address(distributor), new Uint256(funding)));
    String edge = edges.get(3);
    BigInteger amount = amounts.get(3);

    TransactionReceipt receipt = stranger.send(distributor, claim(3, amount));

    assertThat(tokenBalance(token, edge)).isEqualTo(amount);
    assertThat(tokenBalance(token, distributor)).isEqualTo(funding.subtract(amount));
    assertThat(chain.balance(edge)).as("no native token moves").isZero();
    assertThat(stranger.reverts(distributor, claim(3, amount)))
        .startsWith(selector("AlreadyClaimed(uint64,address)"));
    System.out.printf("gas: RewardsDistributor.claim erc20=%d%n", receipt.getGasUsed());
  }

  private static String nativeDistributor(BigInteger funding) {
    String distributor =
        admin.deploy(
            Contracts.load(Contracts.REWARDS_DISTRIBUTOR),
            new Address(registry),
            new Address(BigInteger.ZERO));
    admin.send(distributor, "0x", funding);
    assertThat(chain.balance(distributor)).isEqualTo(funding);
    return distributor;
  }

  private static String claim(int leaf, BigInteger amount) {
    return claim(EPOCH, edges.get(leaf), amount, proof(leaf));
  }

  private static String claim(long epoch, String edge, BigInteger amount, List<Bytes32> proof) {
    return calldata(
        CLAIM,
        new Uint64(epoch),
        new Address(edge),
        new Uint256(amount),
        new DynamicArray<>(Bytes32.class, proof));
  }

  private static List<Bytes32> proof(int leaf) {
    return tree.proof(leaf).stream().map(node -> new Bytes32(node.toArray())).toList();
  }

  private static boolean isClaimed(String distributor, int leaf) {
    return (Boolean)
        chain.value(
            distributor,
            "isClaimed",
            List.of(
                new Uint64(EPOCH), new Address(edges.get(leaf)), new Uint256(amounts.get(leaf))),
            new TypeReference<Bool>() {});
  }

  private static BigInteger tokenBalance(String token, String owner) {
    return (BigInteger)
        chain.value(
            token, "balanceOf", List.of(new Address(owner)), new TypeReference<Uint256>() {});
  }

  /** A fresh address no one holds a key to: its balance starts at zero. */
  private static String address(String label) {
    return Numeric.toHexString(Arrays.copyOfRange(Hash.sha3(label.getBytes()), 12, 32));
  }
}
