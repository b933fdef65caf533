package network.aioz.shared.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import network.aioz.shared.merkle.AbiEncoding;
import network.aioz.shared.merkle.Bytes32;
import network.aioz.shared.merkle.OpenZeppelinVectors;
import network.aioz.shared.merkle.OpenZeppelinVectors.StandardCase;
import org.junit.jupiter.api.Test;

class WorkReceiptTests {

  private static final List<StandardCase> RECEIPT_TREES =
      OpenZeppelinVectors.load().standard().stream()
          .filter(c -> c.types().equals(WorkReceipt.SOLIDITY_TYPES))
          .toList();

  @Test
  void leafHashesAndEpochTreesMatchTheJsLibrary() {
    assertThat(RECEIPT_TREES).hasSizeGreaterThanOrEqualTo(7);
    for (StandardCase c : RECEIPT_TREES) {
      List<WorkReceipt> receipts = c.values().stream().map(WorkReceiptTests::receipt).toList();
      long epoch = receipts.getFirst().epoch();
      EpochTree tree = EpochTree.of(epoch, receipts);

      assertThat(tree.root()).as(c.name()).isEqualTo(Bytes32.fromHex(c.root()));
      for (int i = 0; i < receipts.size(); i++) {
        WorkReceipt receipt = receipts.get(i);
        List<Bytes32> expectedProof = OpenZeppelinVectors.hashes(c.leaves().get(i).proof());
        assertThat(receipt.leafHash()).isEqualTo(Bytes32.fromHex(c.leaves().get(i).hash()));
        assertThat(tree.proof(i)).isEqualTo(expectedProof);
        assertThat(tree.proof(receipt)).isEqualTo(expectedProof);
        assertThat(EpochTree.verify(tree.root(), receipt, expectedProof)).isTrue();
      }
    }
  }

  @Test
  void theFastEncodingEqualsTheGenericAbiEncoding() {
    AbiEncoding generic = AbiEncoding.of(WorkReceipt.SOLIDITY_TYPES);
    for (StandardCase c : RECEIPT_TREES) {
      for (List<Object> values : c.values()) {
        WorkReceipt receipt = receipt(values);
        assertThat(receipt.abiEncode()).isEqualTo(generic.encode(receipt.abiValues()));
        assertThat(receipt.abiEncode()).isEqualTo(generic.encode(values));
      }
    }
  }

  @Test
  void aTaskIdIsTheUuidRightAlignedInThirtyTwoBytes() {
    UUID id = UUID.fromString("0123e456-789a-4bcd-8ef0-123456789abc");
    assertThat(WorkReceipt.taskIdOf(id).toHex())
        .isEqualTo("0x" + "00".repeat(16) + "0123e456789a4bcd8ef0123456789abc");
  }

  @Test
  void aReceiptChangedInAnyFieldNoLongerVerifies() {
    List<WorkReceipt> receipts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      receipts.add(sample(i));
    }
    EpochTree tree = EpochTree.of(7, receipts);
    WorkReceipt r = receipts.get(3);
    List<Bytes32> proof = tree.proof(3);
    List<WorkReceipt> forged =
        List.of(
            new WorkReceipt(
                r.taskId(), r.node(), r.kind(), r.units().add(BigInteger.ONE), 7, r.proofRef()),
            new WorkReceipt(
                r.taskId(), "0x" + "99".repeat(20), r.kind(), r.units(), 7, r.proofRef()),
            new WorkReceipt(r.taskId(), r.node(), WorkKind.INFER, r.units(), 7, r.proofRef()),
            new WorkReceipt(r.taskId(), r.node(), r.kind(), r.units(), 8, r.proofRef()));

    assertThat(EpochTree.verify(tree.root(), r, proof)).isTrue();
    for (WorkReceipt f : forged) {
      assertThat(EpochTree.verify(tree.root(), f, proof)).as(f.toString()).isFalse();
    }
    assertThatThrownBy(() -> tree.proof(forged.getFirst()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEpochTreeRefusesReceiptsOfAnotherEpochAndEmptyEpochs() {
    assertThatThrownBy(() -> EpochTree.of(7, List.of(sample(1), withEpoch(sample(2), 8))))
        .hasMessageContaining("not 7");
    assertThatThrownBy(() -> EpochTree.of(7, List.of())).hasMessageContaining("no receipts");
  }

  @Test
  void refusesMalformedFields() {
    Bytes32 ref = Bytes32.ZERO;
    assertThatThrownBy(() -> new WorkReceipt(ref, "0x12", WorkKind.PIN, BigInteger.ONE, 1, ref))
        .hasMessageContaining("address");
    assertThatThrownBy(
            () ->
                new WorkReceipt(
                    ref, "0x" + "12".repeat(20), WorkKind.PIN, BigInteger.ONE.negate(), 1, ref))
        .hasMessageContaining("uint256");
    assertThatThrownBy(() -> WorkKind.ofCode(5)).hasMessageContaining("unknown");
    assertThat(
            new WorkReceipt(ref, "0x" + "AB".repeat(20), WorkKind.PIN, BigInteger.ONE, 1, ref)
                .node())
        .isEqualTo("0x" + "ab".repeat(20));
  }

  private static WorkReceipt sample(int i) {
    return WorkReceipt.of(
        new UUID(i, 1000L + i),
        String.format("0x%040x", i + 1),
        WorkKind.ofCode(i % 5),
        BigInteger.valueOf(1_000_000L * i),
        7,
        Bytes32.fromHex(String.format("0x%064x", i * 17)));
  }

  private static WorkReceipt withEpoch(WorkReceipt r, long epoch) {
    return new WorkReceipt(r.taskId(), r.node(), r.kind(), r.units(), epoch, r.proofRef());
  }

  private static WorkReceipt receipt(List<Object> values) {
    return new WorkReceipt(
        Bytes32.fromHex((String) values.get(0)),
        (String) values.get(1),
        WorkKind.ofCode(Integer.parseInt((String) values.get(2))),
        new BigInteger((String) values.get(3)),
        Long.parseLong((String) values.get(4)),
        Bytes32.fromHex((String) values.get(5)));
  }
}
