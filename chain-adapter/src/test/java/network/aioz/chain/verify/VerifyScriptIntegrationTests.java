package network.aioz.chain.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import network.aioz.chain.support.Api;
import network.aioz.chain.support.ChainAdapterIntegrationTest;
import network.aioz.chain.support.SealedEpochs;
import network.aioz.chain.support.Settlements;
import network.aioz.chain.support.TestChain;
import network.aioz.infra.NodeScripts;
import network.aioz.shared.merkle.AbiEncoding;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.merkle.StandardMerkleTree;
import network.aioz.shared.receipt.EpochTree;
import network.aioz.shared.receipt.WorkKind;
import network.aioz.shared.receipt.WorkReceipt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code verify/verify.mjs} (ethers and OpenZeppelin's merkle-tree, nothing of ours) accepts a
 * receipt and a reward that the real adapter committed to a real chain, and refuses them once the
 * leaf, the transaction or the chain is not the committed one.
 */
@ChainAdapterIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyScriptIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> REWARD_TYPES = List.of("uint64", "address", "uint256");

  /** The ledger's {@code ReceiptProof}, field for field, as its API serializes it. */
  record ReceiptProof(
      Receipt receipt,
      String leafHash,
      List<String> proof,
      String root,
      List<String> leafEncoding) {

    record Receipt(
        String taskId,
        String taskIdBytes32,
        String node,
        String kind,
        int kindCode,
        BigInteger units,
        long epoch,
        String proofRef) {}
  }

  /** Billing's {@code ClaimView} (statement cut to what the script ignores anyway). */
  record ClaimView(
      Statement statement,
      Leaf leaf,
      List<String> leafTypes,
      String leafHash,
      List<String> proof,
      String root) {

    record Statement(long epoch, String address, String payout) {}

    record Leaf(long epoch, String address, String amount) {}
  }

  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;
  @TempDir Path files;

  private final TestChain chain = TestChain.shared();

  private long epoch;
  private JsonNode settlement;
  private JsonNode otherSettlement;
  private UUID task;
  private ReceiptProof receiptProof;
  private String edge;
  private ClaimView claim;

  @BeforeAll
  void commitTwoEpochs() {
    epoch = SealedEpochs.next();
    long other = SealedEpochs.next();

    List<WorkReceipt> receipts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      receipts.add(
          WorkReceipt.of(
              UUID.randomUUID(),
              address("node-" + (i % 3)),
              WorkKind.values()[i],
              // above 2^53: the script must not round a uint256 that arrives as a JSON number
              new BigInteger("123456789012345678901234567890").add(BigInteger.valueOf(i)),
              epoch,
              Bytes32.fromHex(SealedEpochs.root("proof-" + i))));
    }
    EpochTree receiptTree = EpochTree.of(epoch, receipts);
    WorkReceipt proven = receipts.get(3);
    task = UUID.fromString(taskUuid(proven));
    receiptProof =
        new ReceiptProof(
            new ReceiptProof.Receipt(
                task.toString(),
                proven.taskId().toHex(),
                proven.node(),
                proven.kind().name(),
                proven.kind().code(),
                proven.units(),
                proven.epoch(),
                proven.proofRef().toHex()),
            proven.leafHash().toHex(),
            hex(receiptTree.proof(proven)),
            receiptTree.root().toHex(),
            WorkReceipt.SOLIDITY_TYPES);

    // billing's RewardTree: leaves (epoch, edge, amount), OpenZeppelin standard leaves
    List<List<?>> leaves = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      leaves.add(
          List.of(
              BigInteger.valueOf(epoch),
              address("edge-" + i),
              BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(i + 1))));
    }
    StandardMerkleTree<List<?>> rewardTree = StandardMerkleTree.of(leaves, REWARD_TYPES);
    List<?> paid = leaves.get(2);
    edge = (String) paid.get(1);
    Bytes32 rewardLeaf = StandardMerkleTree.leafHash(paid, REWARD_TYPES);
    claim =
        new ClaimView(
            new ClaimView.Statement(epoch, edge, paid.get(2).toString()),
            new ClaimView.Leaf(epoch, edge, paid.get(2).toString()),
            REWARD_TYPES,
            rewardLeaf.toHex(),
            hex(rewardTree.proof(rewardLeaf).orElseThrow()),
            rewardTree.root().toHex());
    assertThat(StandardMerkleTree.leafHash(AbiEncoding.of(REWARD_TYPES).encode(paid)).toHex())
        .isEqualTo(claim.leafHash());

    SealedEpochs.epochSealed(
        "ledger.epoch", epoch, null, receiptTree.root().toHex(), receipts.size());
    SealedEpochs.rewardsSealed(
        "billing.reward", epoch, rewardTree.root().toHex(), 600, 250, 50, 80, 20);
    SealedEpochs.epochSealed("ledger.epoch", other, epoch, SealedEpochs.root("r" + other), 1);
    SealedEpochs.rewardsSealed(
        "billing.reward", other, SealedEpochs.root("w" + other), 1, 2, 3, 4, 5);
    Settlements.awaitCommitted(jdbc, epoch);
    Settlements.awaitCommitted(jdbc, other);
    settlement = Api.get(port, "/v1/chain/epochs/" + epoch).body();
    otherSettlement = Api.get(port, "/v1/chain/epochs/" + other).body();
    assertThat(settlement.get("receiptsRoot").asString()).isEqualTo(receiptProof.root());
  }

  @Test
  void aCommittedReceiptPassesEveryCheck() throws IOException {
    NodeScripts.Result result = receipt(settlement, receiptProof);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("ok   proof is for task " + task)
        .contains("ok   leaf hash " + receiptProof.leafHash())
        .contains("ok   leaf is in the tree of root " + receiptProof.root())
        .contains("ok   chain id " + TestChain.CHAIN_ID)
        .contains("ok   transaction " + settlement.get("txHash").asString() + " succeeded")
        .contains("ok   transaction holds the EpochCommitted log of epoch " + epoch)
        .contains("ok   committed receiptsRoot equals the proof's root")
        .contains("ok   commitment " + settlement.get("commitment").asString())
        .contains("ok   registry.commitmentOf(" + epoch + ") on chain equals the commitment")
        .contains("creators 600, edges 250, validators 50, treasury 80, burned 20")
        .doesNotContain("FAIL");
  }

  @Test
  void aReceiptWithTamperedUnitsFailsTheTreeCheck() throws IOException {
    ReceiptProof.Receipt r = receiptProof.receipt();
    ReceiptProof tampered =
        new ReceiptProof(
            new ReceiptProof.Receipt(
                r.taskId(),
                r.taskIdBytes32(),
                r.node(),
                r.kind(),
                r.kindCode(),
                r.units().add(BigInteger.ONE),
                r.epoch(),
                r.proofRef()),
            receiptProof.leafHash(),
            receiptProof.proof(),
            receiptProof.root(),
            receiptProof.leafEncoding());

    NodeScripts.Result result = receipt(settlement, tampered);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("FAIL leaf hash: the leaf's values hash to")
        .contains("FAIL leaf is in the tree: StandardMerkleTree.verify does not reach root");
  }

  @Test
  void aReceiptPointedAtAnotherEpochsCommitFails() throws IOException {
    ObjectNode wrongTx = (ObjectNode) settlement.deepCopy();
    wrongTx.put("txHash", otherSettlement.get("txHash").asString());

    NodeScripts.Result result = receipt(wrongTx, receiptProof);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("ok   leaf is in the tree")
        .contains(
            "FAIL transaction holds EpochCommitted logs of epochs ["
                + otherSettlement.get("epoch").asLong()
                + "], not exactly one of epoch "
                + epoch);
  }

  @Test
  void aReceiptCheckedOnAnotherChainFails() throws IOException {
    ObjectNode mainnet = (ObjectNode) settlement.deepCopy();
    mainnet.put("chainId", 168);

    NodeScripts.Result result = receipt(mainnet, receiptProof);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains(
            "FAIL chain id: the node at --rpc is chain "
                + TestChain.CHAIN_ID
                + ", the settlement is on chain 168");
  }

  @Test
  void aCommittedRewardPassesEveryCheckIncludingTheDistributorsRoot() throws IOException {
    NodeScripts.Result result = reward(settlement, claim);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("ok   proof is for edge")
        .contains("ok   leaf is in the tree of root " + claim.root())
        .contains("ok   committed rewardsRoot equals the proof's root")
        .contains("ok   registry.commitmentOf(" + epoch + ") on chain equals the commitment")
        .contains("ok   registry.rewardsRootOf(" + epoch + ") on chain equals the proof's root")
        .contains("ok   distributor " + chain.deployed().rewards())
        .contains("info reward is not claimed yet")
        .doesNotContain("FAIL");
  }

  @Test
  void aRewardWithATamperedAmountFailsTheTreeCheck() throws IOException {
    ClaimView.Leaf leaf = claim.leaf();
    ClaimView tampered =
        new ClaimView(
            claim.statement(),
            new ClaimView.Leaf(
                leaf.epoch(),
                leaf.address(),
                new BigInteger(leaf.amount()).add(BigInteger.ONE).toString()),
            claim.leafTypes(),
            claim.leafHash(),
            claim.proof(),
            claim.root());

    NodeScripts.Result result = reward(settlement, tampered);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("FAIL leaf is in the tree: StandardMerkleTree.verify does not reach root");
  }

  @Test
  void aRewardPointedAtAnotherEpochsCommitFails() throws IOException {
    ObjectNode wrongTx = (ObjectNode) settlement.deepCopy();
    wrongTx.put("txHash", otherSettlement.get("txHash").asString());

    NodeScripts.Result result = reward(wrongTx, claim);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("FAIL transaction holds EpochCommitted logs of epochs [")
        // what the registry stores still matches: only the pointer to the event was wrong
        .contains("ok   registry.rewardsRootOf(" + epoch + ") on chain equals the proof's root");
  }

  @Test
  void aRewardCheckedOnAnotherChainFails() throws IOException {
    ObjectNode mainnet = (ObjectNode) settlement.deepCopy();
    mainnet.put("chainId", 168);

    NodeScripts.Result result = reward(mainnet, claim);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains("FAIL chain id: the node at --rpc is chain");
  }

  @Test
  void aRewardOfAnotherRegistryThanThePinnedOneFails() throws IOException {
    NodeScripts.Result result =
        run(
            List.of("reward", Long.toString(epoch), edge, "--registry", address("impostor")),
            file(settlement, claim, chain.deployed().rewards()));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains("FAIL registry: the settlement names");
  }

  @Test
  void anUnreachableNodeIsAnErrorNotAVerdict() throws IOException {
    Path input = file(settlement, receiptProof, chain.deployed().registry());
    NodeScripts.Result result =
        NodeScripts.run(
            Path.of("verify"),
            "verify.mjs",
            List.of(
                "receipt",
                task.toString(),
                "--file",
                input.toString(),
                "--rpc",
                "http://127.0.0.1:9"),
            Duration.ofSeconds(60));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output())
        .contains("does not answer eth_chainId")
        .doesNotContain("all checks passed");
  }

  private NodeScripts.Result receipt(JsonNode settlement, ReceiptProof proof) throws IOException {
    return run(
        List.of("receipt", task.toString()), file(settlement, proof, chain.deployed().registry()));
  }

  private NodeScripts.Result reward(JsonNode settlement, ClaimView proof) throws IOException {
    return run(
        List.of("reward", Long.toString(epoch), edge),
        file(settlement, proof, chain.deployed().rewards()));
  }

  private NodeScripts.Result run(List<String> what, Path input) {
    List<String> args = new ArrayList<>(what);
    args.addAll(List.of("--file", input.toString(), "--rpc", chain.rpcUrl()));
    return NodeScripts.run(Path.of("verify"), "verify.mjs", args, Duration.ofSeconds(60));
  }

  /** What {@code GET /v1/chain/receipts|rewards/...} answers: {proof, settlement, contract}. */
  private Path file(JsonNode settlement, Object proof, String contract) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.set("proof", JSON.valueToTree(proof));
    body.set("settlement", settlement);
    body.put("contract", contract);
    Path file = Files.createTempFile(files, "verifiable-", ".json");
    Files.writeString(file, JSON.writeValueAsString(body));
    return file;
  }

  private static String taskUuid(WorkReceipt receipt) {
    String hex = receipt.taskId().toHex().substring(2 + 32);
    return hex.replaceFirst(
        "(\\p{XDigit}{8})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{12})",
        "$1-$2-$3-$4-$5");
  }

  private static List<String> hex(List<Bytes32> nodes) {
    return nodes.stream().map(Bytes32::toHex).toList();
  }

  private static String address(String seed) {
    return "0x" + SealedEpochs.root(seed).substring(2 + 24);
  }
}
