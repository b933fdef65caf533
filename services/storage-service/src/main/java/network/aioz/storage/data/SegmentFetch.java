package network.aioz.storage.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Gets any k of a segment's pieces, fastest first: it asks for k pieces (data pieces first, which
 * need no decoding), asks one more edge whenever a request fails or the hedge delay passes without
 * enough answers (as far as the memory it was given allows), and stops the rest once k verified
 * pieces are in. Pieces are downloaded into arrays from the caller's {@link ByteArrays}; every
 * array not returned as a piece is given back.
 */
public final class SegmentFetch {

  private record Arrival(StoredPiece piece, EdgePieces.Download download, Throwable error) {}

  private SegmentFetch() {}

  /**
   * Any k verified pieces of a segment, by slot (the others null).
   *
   * @param onBadPiece told about pieces that came back corrupt (for repair and reputation)
   * @throws DataUnavailableException when fewer than k can be had (every array is given back)
   */
  public static byte[][] fetchShards(
      Segment segment,
      List<StoredPiece> slots,
      SegmentCodec codec,
      EdgePieces edges,
      long hedgeDelayMillis,
      long timeoutMillis,
      BiConsumer<StoredPiece, String> onBadPiece,
      ByteArrays arrays) {
    int k = codec.redundancy().k();
    List<StoredPiece> candidates =
        new ArrayList<>(slots.stream().filter(StoredPiece::stored).toList());
    candidates.sort(Comparator.comparingInt(StoredPiece::pieceIdx));
    if (candidates.size() < k) {
      throw new DataUnavailableException(segment, candidates.size(), k);
    }
    LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    Map<EdgePieces.Download, byte[]> open = new IdentityHashMap<>();
    byte[][] shards = new byte[codec.redundancy().pieces()][];
    int next = 0;
    int pending = 0;
    int have = 0;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    try {
      for (; next < k; next++) {
        ask(candidates.get(next), edges, arrivals, open, arrays.take(candidates.get(next).size()));
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
          // slow answers: hedge with one more edge, if there is one and memory for it
          if (next < candidates.size()) {
            byte[] target = arrays.tryTake(candidates.get(next).size());
            if (target != null) {
              ask(candidates.get(next++), edges, arrivals, open, target);
              pending++;
            }
          }
          continue;
        }
        pending--;
        byte[] target = open.remove(a.download());
        if (a.error() == null) {
          shards[a.piece().pieceIdx()] = target;
          have++;
          continue;
        }
        a.download().detach();
        arrays.give(target);
        if (a.error() instanceof EdgePieces.CorruptPieceException) {
          onBadPiece.accept(a.piece(), a.error().getMessage());
        }
        if (next < candidates.size()) {
          ask(
              candidates.get(next),
              edges,
              arrivals,
              open,
              arrays.take(candidates.get(next).size()));
          next++;
          pending++;
        } else if (pending == 0) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // the rest are not needed: stop them, and their arrays are free again
      open.forEach(
          (download, target) -> {
            download.detach();
            arrays.give(target);
          });
      open.clear();
    }
    if (have < k) {
      for (byte[] shard : shards) {
        arrays.give(shard);
      }
      throw new DataUnavailableException(segment, have, k);
    }
    return shards;
  }

  private static void ask(
      StoredPiece piece,
      EdgePieces edges,
      LinkedBlockingQueue<Arrival> arrivals,
      Map<EdgePieces.Download, byte[]> open,
      byte[] target) {
    EdgePieces.Download download =
        edges.get(piece.nodeAddress(), piece.endpoint(), piece.digest(), target);
    open.put(download, target);
    download
        .result()
        .whenComplete(
            (bytes, error) ->
                arrivals.add(
                    new Arrival(
                        piece, download, error == null ? null : EdgePieces.rootCause(error))));
  }
}
