package network.aioz.storage.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import network.aioz.erasure.NotEnoughShardsException;

/**
 * Gets one segment's ciphertext back from any k of its pieces, fastest first: it asks for k pieces
 * (data pieces first, which need no decoding), asks one more edge whenever a request fails or the
 * hedge delay passes without enough answers, and cancels the rest once k verified pieces are in.
 */
public final class SegmentFetch {

  private record Arrival(StoredPiece piece, byte[] bytes, Throwable error) {}

  private SegmentFetch() {}

  /**
   * @param onBadPiece told about pieces that came back corrupt (for repair and reputation)
   * @throws DataUnavailableException when fewer than k pieces can be had
   */
  static byte[] fetch(
      Segment segment,
      List<StoredPiece> slots,
      SegmentCodec codec,
      EdgePieces edges,
      long hedgeDelayMillis,
      long timeoutMillis,
      BiConsumer<StoredPiece, String> onBadPiece) {
    byte[][] shards =
        fetchShards(segment, slots, codec, edges, hedgeDelayMillis, timeoutMillis, onBadPiece);
    int have = 0;
    for (byte[] s : shards) {
      have += s == null ? 0 : 1;
    }
    try {
      return codec.decode(shards, segment.shardSize(), segment.cipherSize());
    } catch (NotEnoughShardsException e) {
      throw new DataUnavailableException(segment, have, codec.redundancy().k());
    }
  }

  /**
   * Any k verified pieces of a segment, by slot (the others null).
   *
   * @throws DataUnavailableException when fewer than k can be had
   */
  public static byte[][] fetchShards(
      Segment segment,
      List<StoredPiece> slots,
      SegmentCodec codec,
      EdgePieces edges,
      long hedgeDelayMillis,
      long timeoutMillis,
      BiConsumer<StoredPiece, String> onBadPiece) {
    int k = codec.redundancy().k();
    List<StoredPiece> candidates =
        new ArrayList<>(slots.stream().filter(StoredPiece::stored).toList());
    candidates.sort(Comparator.comparingInt(StoredPiece::pieceIdx));
    if (candidates.size() < k) {
      throw new DataUnavailableException(segment, candidates.size(), k);
    }
    LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    List<CompletableFuture<byte[]>> requests = new ArrayList<>();
    byte[][] shards = new byte[codec.redundancy().pieces()][];
    int next = 0;
    int pending = 0;
    int have = 0;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    try {
      for (; next < k; next++) {
        requests.add(ask(candidates.get(next), edges, arrivals));
        pending++;
      }
      while (have < k) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        Arrival a =
            arrivals.poll(
                Math.min(left, TimeUnit.MILLISECONDS.toNanos(hedgeDelayMillis)),
                TimeUnit.NANOSECONDS);
        if (a == null) {
          // slow answers: hedge with one more edge, if there is one
          if (next < candidates.size()) {
            requests.add(ask(candidates.get(next++), edges, arrivals));
            pending++;
          }
          continue;
        }
        pending--;
        if (a.error() == null) {
          shards[a.piece().pieceIdx()] = a.bytes();
          have++;
          continue;
        }
        if (a.error() instanceof EdgePieces.CorruptPieceException) {
          onBadPiece.accept(a.piece(), a.error().getMessage());
        }
        if (next < candidates.size()) {
          requests.add(ask(candidates.get(next++), edges, arrivals));
          pending++;
        } else if (pending == 0) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      requests.forEach(r -> r.cancel(true));
    }
    if (have < k) {
      throw new DataUnavailableException(segment, have, k);
    }
    return shards;
  }

  private static CompletableFuture<byte[]> ask(
      StoredPiece piece, EdgePieces edges, LinkedBlockingQueue<Arrival> arrivals) {
    CompletableFuture<byte[]> request =
        edges.get(piece.nodeAddress(), piece.endpoint(), piece.digest(), piece.size());
    request.whenComplete(
        (bytes, error) -> {
          Throwable cause = error;
          while (cause instanceof java.util.concurrent.CompletionException
              || cause instanceof ExecutionException) {
            cause = cause.getCause();
          }
          arrivals.add(new Arrival(piece, bytes, cause));
        });
    return request;
  }
}
