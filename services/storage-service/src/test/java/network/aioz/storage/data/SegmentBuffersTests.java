package network.aioz.storage.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import network.aioz.storage.support.StorageProperties;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class SegmentBuffersTests {

  private static final long MIB = 1024 * 1024;

  @Test
  void aQuarterOfTheHeapForWritesAndAFifthForReadsWithinOneLeaseAndTheConfiguredMost() {
    // a 16 MiB segment: a write lease is ~40 MiB, a read lease ~24 MiB
    assertThat(SegmentBuffers.Budgets.of(settings(16, 12), 256 * MIB))
        .isEqualTo(new SegmentBuffers.Budgets(64 * MIB, 256 * MIB / 5));
    assertThat(SegmentBuffers.Budgets.of(settings(16, 12), 64 * MIB))
        .as("at least one lease each")
        .isEqualTo(new SegmentBuffers.Budgets(40 * MIB, 24 * MIB));
    assertThat(SegmentBuffers.Budgets.of(settings(16, 2), 16_384 * MIB))
        .as("at most maxSegmentsInFlight leases each")
        .isEqualTo(new SegmentBuffers.Budgets(80 * MIB, 48 * MIB));
  }

  @Test
  void aLeaseWaitsUntilTheBudgetHasRoomAndNeverTwoLeasesExceedIt() throws Exception {
    SegmentBuffers buffers = new SegmentBuffers(new SegmentBuffers.Budgets(10 * MIB, 4 * MIB));
    SegmentBuffers.Lease first = buffers.lease(SegmentBuffers.Use.WRITE, 6 * MIB);
    CompletableFuture<SegmentBuffers.Lease> second =
        CompletableFuture.supplyAsync(() -> lease(buffers, SegmentBuffers.Use.WRITE, 6 * MIB));
    assertThatWaits(second);
    // the read budget is separate: a reader is not stuck behind writers
    buffers.lease(SegmentBuffers.Use.READ, 4 * MIB).close();

    first.close();
    second.get(5, TimeUnit.SECONDS).close();
  }

  @Test
  void givenBackArraysAreReusedAndWhatIsNotTakenCanBeReturnedEarly() throws Exception {
    SegmentBuffers buffers = new SegmentBuffers(new SegmentBuffers.Budgets(8 * MIB, MIB));
    byte[] first;
    try (SegmentBuffers.Lease lease = buffers.lease(SegmentBuffers.Use.WRITE, 8 * MIB)) {
      first = lease.take((int) (2 * MIB));
      lease.give(first);
      assertThat(lease.take((int) (2 * MIB))).isSameAs(first);
      assertThat(lease.take(1000)).hasSize(1000);
      // 2 MiB + 1000 B taken: the rest of the 8 MiB goes back to the budget at once
      lease.trimToTaken();
      CompletableFuture<SegmentBuffers.Lease> other =
          CompletableFuture.supplyAsync(() -> lease(buffers, SegmentBuffers.Use.WRITE, 5 * MIB));
      other.get(5, TimeUnit.SECONDS).close();
      assertThat(lease.tryTake((int) MIB)).as("beyond what the lease kept").isNull();
      lease.give(first);
    }
    try (SegmentBuffers.Lease lease = buffers.lease(SegmentBuffers.Use.WRITE, 2 * MIB)) {
      assertThat(lease.take((int) (2 * MIB))).as("kept across leases").isSameAs(first);
    }
  }

  @Test
  void giveAllReturnsEachSharedArrayOnceAndOnlyWhenEverySlotHoldingItIsFree() throws Exception {
    SegmentBuffers buffers = new SegmentBuffers(new SegmentBuffers.Budgets(8 * MIB, MIB));
    try (SegmentBuffers.Lease lease = buffers.lease(SegmentBuffers.Use.WRITE, 8 * MIB)) {
      byte[] replica = lease.take((int) MIB);
      byte[] piece = lease.take((int) MIB);
      byte[] busy = lease.take((int) MIB);
      // slots 0-2 share one replica array; slot 4 is still being uploaded
      lease.giveAll(new byte[][] {replica, replica, replica, piece, busy, null}, slot -> slot != 4);
      assertThat(buffers.freeBytes()).isEqualTo(2 * MIB);

      byte[] otherReplica = lease.take(1000);
      byte[] otherPiece = lease.take(2000);
      lease.giveAll(new byte[][] {otherReplica, otherReplica, otherPiece}, slot -> slot != 1);
      assertThat(buffers.freeBytes())
          .as("a replica still read by slot 1 stays out; the other piece comes back")
          .isEqualTo(2 * MIB + 2000);
    }
  }

  @Test
  void keptArraysAreDroppedSoKeptPlusInUseStaysWithinTheBudgets() throws Exception {
    SegmentBuffers buffers = new SegmentBuffers(new SegmentBuffers.Budgets(8 * MIB, 2 * MIB));
    try (SegmentBuffers.Lease lease = buffers.lease(SegmentBuffers.Use.WRITE, 8 * MIB)) {
      List<byte[]> arrays = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        arrays.add(lease.take((int) (2 * MIB)));
      }
      arrays.forEach(lease::give);
    }
    assertThat(buffers.freeBytes()).isEqualTo(8 * MIB);
    try (SegmentBuffers.Lease reader = buffers.lease(SegmentBuffers.Use.READ, 2 * MIB);
        SegmentBuffers.Lease writer = buffers.lease(SegmentBuffers.Use.WRITE, 8 * MIB)) {
      reader.take((int) (2 * MIB));
      writer.take((int) (3 * MIB));
      writer.take((int) (3 * MIB));
      // 8 MiB of new sizes in use: only one kept 2 MiB array still fits beside them
      assertThat(buffers.inUseBytes()).isEqualTo(8 * MIB);
      assertThat(buffers.freeBytes()).isEqualTo(2 * MIB);
    }
    assertThat(buffers.inUseBytes()).as("arrays not given back are forgotten").isZero();
  }

  private static SegmentBuffers.Lease lease(
      SegmentBuffers buffers, SegmentBuffers.Use use, long bytes) {
    try {
      return buffers.lease(use, bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertThatWaits(CompletableFuture<?> future) throws Exception {
    try {
      future.get(300, TimeUnit.MILLISECONDS);
      throw new AssertionError("the lease should have waited");
    } catch (TimeoutException expected) {
      // still waiting, as it should
    }
  }

  private static StorageProperties settings(int segmentMiB, int maxInFlight) {
    return new StorageProperties(
        "us-east-1",
        List.of(),
        null,
        Duration.ofSeconds(5),
        Map.of(),
        "k1",
        "rs-10-4",
        DataSize.ofMegabytes(segmentMiB),
        DataSize.ofKilobytes(64),
        DataSize.ofKilobytes(16),
        DataSize.ofKilobytes(32),
        URI.create("http://localhost:8081"),
        Duration.ofSeconds(60),
        Duration.ofMillis(500),
        Duration.ofMillis(400),
        maxInFlight,
        List.of("s3.localhost"));
  }
}
