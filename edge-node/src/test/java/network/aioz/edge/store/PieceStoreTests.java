package network.aioz.edge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PieceStoreTests {

  @TempDir Path root;

  @Test
  void storesAPieceUnderItsDigestAndCountsIt() throws IOException {
    PieceStore store = new PieceStore(root, 1 << 20);
    Pieces piece = Pieces.random(10_000, 1);

    var outcome = put(store, piece, piece.bytes().length);

    assertThat(outcome).isEqualTo(PieceStore.PutOutcome.CREATED);
    assertThat(store.contains(piece.digest())).isTrue();
    Path file = store.find(piece.digest()).orElseThrow().file();
    assertThat(file)
        .isEqualTo(root.resolve(piece.digest().substring(0, 2)).resolve(piece.digest()));
    assertThat(Files.readAllBytes(file)).isEqualTo(piece.bytes());
    assertThat(store.usedBytes()).isEqualTo(10_000);
    assertThat(store.pieceCount()).isEqualTo(1);
    assertThat(store.sha256OfStored(piece.digest())).isEqualTo(piece.digest());
    assertThat(put(store, piece, -1)).isEqualTo(PieceStore.PutOutcome.ALREADY_PRESENT);
    assertThat(store.usedBytes()).isEqualTo(10_000);
  }

  @Test
  void aFreshWriteIsReportedWithoutHashingAgainOnceAndHashedFromDiskAfterwards()
      throws IOException {
    PieceStore store = new PieceStore(root, 1 << 20);
    Pieces piece = Pieces.random(10_000, 3);
    put(store, piece, piece.bytes().length);
    Path file = store.find(piece.digest()).orElseThrow().file();
    byte[] corrupted = piece.bytes().clone();
    corrupted[17] ^= 0x01;
    Files.write(file, corrupted);

    // the hash taken on the way in describes the write; later reports read the disk
    assertThat(store.sha256ForReport(piece.digest())).isEqualTo(piece.digest());
    assertThat(store.sha256ForReport(piece.digest())).isNotEqualTo(piece.digest());
  }

  @Test
  void aPieceFoundOnDiskAtStartIsHashedForItsReport() throws IOException {
    PieceStore first = new PieceStore(root, 1 << 20);
    Pieces piece = Pieces.random(10_000, 4);
    put(first, piece, piece.bytes().length);
    Path file = first.find(piece.digest()).orElseThrow().file();
    Files.write(file, new byte[10_000]);

    PieceStore reopened = new PieceStore(root, 1 << 20);

    assertThat(reopened.sha256ForReport(piece.digest())).isNotEqualTo(piece.digest());
  }

  @Test
  void aCorruptedCopyIsReplacedWhenThePieceIsSentAgain() throws IOException {
    PieceStore store = new PieceStore(root, 1 << 20);
    Pieces piece = Pieces.random(10_000, 2);
    put(store, piece, piece.bytes().length);
    Path file = store.find(piece.digest()).orElseThrow().file();
    byte[] rotten = piece.bytes().clone();
    rotten[5000] ^= 0x40;
    Files.write(file, rotten);

    assertThat(put(store, piece, piece.bytes().length)).isEqualTo(PieceStore.PutOutcome.CREATED);
    assertThat(Files.readAllBytes(file)).isEqualTo(piece.bytes());
    assertThat(store.usedBytes()).isEqualTo(10_000);
    assertThat(store.pieceCount()).isEqualTo(1);
  }

  @Test
  void refusesBytesThatDoNotMatchTheDigestAndKeepsNothing() throws IOException {
    PieceStore store = new PieceStore(root, 1 << 20);
    Pieces claimed = Pieces.text("claimed");
    Pieces sent = Pieces.text("something else");

    assertThatThrownBy(
            () ->
                store.put(
                    claimed.digest(),
                    new ByteArrayInputStream(sent.bytes()),
                    sent.bytes().length,
                    Long.MAX_VALUE))
        .isInstanceOf(DigestMismatchException.class);

    assertThat(store.contains(claimed.digest())).isFalse();
    assertThat(store.usedBytes()).isZero();
    assertThat(filesUnder(root)).isEmpty();
    // the reservation was released: a piece filling the whole quota still fits
    PieceStore small = new PieceStore(root, sent.bytes().length);
    assertThat(put(small, sent, sent.bytes().length)).isEqualTo(PieceStore.PutOutcome.CREATED);
  }

  @Test
  void refusesAPieceThatWouldExceedTheQuotaBeforeWriting() throws IOException {
    PieceStore store = new PieceStore(root, 1000);
    put(store, Pieces.random(600, 1), 600);
    Pieces tooBig = Pieces.random(500, 2);

    assertThatThrownBy(() -> put(store, tooBig, 500)).isInstanceOf(QuotaExceededException.class);
    assertThatThrownBy(() -> put(store, tooBig, -1)).isInstanceOf(QuotaExceededException.class);

    assertThat(store.contains(tooBig.digest())).isFalse();
    assertThat(store.usedBytes()).isEqualTo(600);
    assertThat(filesUnder(root.resolve(".tmp"))).isEmpty();
    assertThat(put(store, Pieces.random(400, 3), -1)).isEqualTo(PieceStore.PutOutcome.CREATED);
    assertThat(store.usedBytes()).isEqualTo(1000);
  }

  @Test
  void refusesABodyLongerThanThePieceItClaims() throws IOException {
    PieceStore store = new PieceStore(root, 1 << 20);
    Pieces piece = Pieces.random(2000, 4);

    assertThatThrownBy(
            () -> store.put(piece.digest(), new ByteArrayInputStream(piece.bytes()), -1, 1000))
        .isInstanceOf(PieceTooLargeException.class);
    assertThat(store.usedBytes()).isZero();
    assertThat(filesUnder(root)).isEmpty();
  }

  @Test
  void rebuildsUsageFromDiskAndDeletesLeftoverTempFiles() throws IOException {
    PieceStore first = new PieceStore(root, 1 << 20);
    put(first, Pieces.random(1000, 1), 1000);
    put(first, Pieces.random(2345, 2), 2345);
    Path leftover = root.resolve(".tmp").resolve("abc.part");
    Files.write(leftover, new byte[5000]);

    PieceStore reopened = new PieceStore(root, 1 << 20);

    assertThat(reopened.usedBytes()).isEqualTo(3345);
    assertThat(reopened.pieceCount()).isEqualTo(2);
    assertThat(leftover).doesNotExist();
    // quota accounting starts from what is on disk
    PieceStore tight = new PieceStore(root, 4000);
    assertThatThrownBy(() -> put(tight, Pieces.random(700, 3), 700))
        .isInstanceOf(QuotaExceededException.class);
  }

  @Test
  void concurrentWritesOfTheSamePieceStoreItOnceAndCountItOnce() throws Exception {
    PieceStore store = new PieceStore(root, 1 << 20);
    Pieces piece = Pieces.random(200_000, 7);
    int writers = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<PieceStore.PutOutcome>> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      for (int i = 0; i < writers; i++) {
        outcomes.add(
            pool.submit(
                () -> {
                  go.await();
                  return store.put(
                      piece.digest(),
                      new SlowStream(piece.bytes()),
                      piece.bytes().length,
                      Long.MAX_VALUE);
                }));
      }
      go.countDown();
      long created = 0;
      for (Future<PieceStore.PutOutcome> outcome : outcomes) {
        if (outcome.get() == PieceStore.PutOutcome.CREATED) {
          created++;
        }
      }
      assertThat(created).isEqualTo(1);
    }
    assertThat(store.usedBytes()).isEqualTo(200_000);
    assertThat(store.pieceCount()).isEqualTo(1);
    assertThat(store.sha256OfStored(piece.digest())).isEqualTo(piece.digest());
    assertThat(filesUnder(root.resolve(".tmp"))).isEmpty();
    assertThat(new PieceStore(root, 1 << 20).usedBytes()).isEqualTo(200_000);
  }

  private static PieceStore.PutOutcome put(PieceStore store, Pieces piece, long declared)
      throws IOException {
    return store.put(
        piece.digest(), new ByteArrayInputStream(piece.bytes()), declared, Long.MAX_VALUE);
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** Hands out small reads so concurrent writers overlap. */
  private static final class SlowStream extends InputStream {
    private final ByteArrayInputStream bytes;

    SlowStream(byte[] data) {
      this.bytes = new ByteArrayInputStream(data);
    }

    @Override
    public int read() {
      return bytes.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Thread.yield();
      return bytes.read(b, off, Math.min(len, 4096));
    }
  }
}
