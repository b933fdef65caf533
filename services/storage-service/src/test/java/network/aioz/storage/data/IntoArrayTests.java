package network.aioz.storage.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** Downloads land in pooled arrays: after a detach nothing more may be written into them. */
class IntoArrayTests {

  @Test
  void aDetachedDownloadWritesNothingMoreAndCancelsTheTransfer() {
    byte[] target = new byte[8];
    EdgePieces.IntoArray into = new EdgePieces.IntoArray(target);
    Subscription subscription = new Subscription();
    into.onSubscribe(subscription);

    into.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3, 4})));
    into.detach();
    // the array now serves someone else: what still arrives is dropped
    into.onNext(List.of(ByteBuffer.wrap(new byte[] {9, 9, 9, 9})));

    assertThat(target).containsExactly(1, 2, 3, 4, 0, 0, 0, 0);
    assertThat(subscription.cancelled).isTrue();
  }

  @Test
  void moreBytesThanThePieceHasFailTheDownloadAsCorruptWithoutOverrunningTheArray() {
    byte[] target = new byte[4];
    EdgePieces.IntoArray into = new EdgePieces.IntoArray(target);
    Subscription subscription = new Subscription();
    into.onSubscribe(subscription);

    into.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3}), ByteBuffer.wrap(new byte[] {4, 5})));

    assertThat(subscription.cancelled).isTrue();
    assertThat(into.getBody().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(1))
        .withThrowableThat()
        .withCauseInstanceOf(EdgePieces.CorruptPieceException.class);
    assertThat(target).containsExactly(1, 2, 3, 0);
  }

  @Test
  void aCompleteBodyReportsItsLength() {
    EdgePieces.IntoArray into = new EdgePieces.IntoArray(new byte[4]);
    into.onSubscribe(new Subscription());
    into.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2})));
    into.onComplete();
    assertThat(into.getBody().toCompletableFuture()).isCompletedWithValue(2);
  }

  private static final class Subscription implements Flow.Subscription {
    boolean cancelled;

    @Override
    public void request(long n) {}

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
