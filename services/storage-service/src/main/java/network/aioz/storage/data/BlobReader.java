package network.aioz.storage.data;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import network.aioz.storage.support.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Streams a byte range of a blob: per segment it fetches the pieces (hedged, verified), rebuilds
 * the ciphertext, decrypts only the chunks the range touches and writes them out, fetching the next
 * segment while the current one is written. A short range inside one segment is read straight from
 * the data pieces that hold it when they are all there, without fetching or decoding the segment.
 */
@Component
public class BlobReader {

  private static final Logger log = LoggerFactory.getLogger(BlobReader.class);

  private final BlobRepository blobs;
  private final EdgePieces edges;
  private final DataKeys keys;
  private final SegmentBuffers buffers;
  private final StorageProperties settings;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

  BlobReader(
      BlobRepository blobs,
      EdgePieces edges,
      DataKeys keys,
      SegmentBuffers buffers,
      StorageProperties settings) {
    this.blobs = blobs;
    this.edges = edges;
    this.keys = keys;
    this.buffers = buffers;
    this.settings = settings;
  }

  /**
   * The blob's data key.
   *
   * @throws DataKeys.WrongKeyException when an SSE-C key does not match
   * @throws IllegalArgumentException when an SSE-C blob is read without a key, or the other way
   */
  public byte[] dataKey(Blob blob, DataKeys.CustomerKey customerKey) {
    if (blob.customerKeyed()) {
      if (customerKey == null) {
        throw new IllegalArgumentException(
            "The object was stored using a form of Server Side Encryption. The correct parameters"
                + " must be provided to retrieve the object.");
      }
      return keys.unwrapWithCustomerKey(blob.id(), customerKey, blob.wrappedKey());
    }
    if (customerKey != null) {
      throw new IllegalArgumentException(
          "The encryption parameters are not applicable to this object.");
    }
    return keys.unwrapWithMaster(blob.id(), blob.masterKeyId(), blob.wrappedKey());
  }

  /** Writes plaintext bytes {@code [from, from + length)} of the blob to {@code out}. */
  public void read(Blob blob, byte[] dataKey, long from, long length, OutputStream out)
      throws IOException {
    if (length <= 0) {
      return;
    }
    SegmentCipher cipher = new SegmentCipher(dataKey, blob.id(), blob.chunkSize());
    byte[] plain = new byte[blob.chunkSize()];
    if (blob.inline()) {
      byte[] sealed = blob.inlineData();
      cipher.decryptRange(
          0,
          (int) blob.size(),
          (offset, n) -> new SegmentCipher.Slice(sealed, (int) offset),
          (int) from,
          (int) (from + length),
          plain,
          out);
      return;
    }
    long to = from + length;
    List<Segment> wanted =
        blobs.segments(blob.id()).stream()
            .filter(s -> s.plainEnd() > from && s.plainOffset() < to)
            .toList();
    SegmentCodec codec = new SegmentCodec(blob.redundancy());
    int chunkSize = blob.chunkSize();
    byte[] scratch = new byte[chunkSize + SegmentCipher.TAG];
    CompletableFuture<Restored> next = null;
    try {
      for (int i = 0; i < wanted.size(); i++) {
        Segment segment = wanted.get(i);
        int start = (int) (Math.max(from, segment.plainOffset()) - segment.plainOffset());
        int end = (int) (Math.min(to, segment.plainEnd()) - segment.plainOffset());
        int firstChunk = start / chunkSize;
        int lastChunk = (end - 1) / chunkSize;
        if (wanted.size() == 1
            && (long) (lastChunk - firstChunk + 1) * chunkSize * 2 < segment.plainSize()) {
          byte[] range = readFromDataPieces(blob, segment, cipher, start, end, plain);
          if (range != null) {
            out.write(range);
            return;
          }
        }
        CompletableFuture<Restored> current =
            next != null ? next : restoreAsync(blob, segment, codec);
        next = null;
        try (Restored restored = await(current)) {
          if (i + 1 < wanted.size()) {
            next = restoreAsync(blob, wanted.get(i + 1), codec);
          }
          // decrypt chunk by chunk straight from the pieces: no segment-sized copy
          cipher.decryptRange(
              segment.idx(),
              segment.plainSize(),
              (offset, n) ->
                  codec.cipherAt(restored.shards(), segment.shardSize(), offset, n, scratch),
              start,
              end,
              plain,
              out);
        }
      }
    } finally {
      if (next != null) {
        // the client went away (or a segment failed): the prefetched one goes back unread
        next.whenComplete(
            (r, e) -> {
              if (r != null) {
                r.close();
              }
            });
      }
    }
  }

  /** Fetches and restores a segment in the background, under a read lease of its own. */
  private CompletableFuture<Restored> restoreAsync(Blob blob, Segment segment, SegmentCodec codec) {
    return CompletableFuture.supplyAsync(() -> restore(blob, segment, codec), workers);
  }

  private Restored restore(Blob blob, Segment segment, SegmentCodec codec) {
    int pieces = blob.redundancy().replicated() ? 2 : blob.redundancy().pieces();
    SegmentBuffers.Lease lease;
    try {
      lease = buffers.lease(SegmentBuffers.Use.READ, (long) pieces * segment.shardSize());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try {
      byte[][] shards =
          SegmentFetch.fetchShards(
              segment,
              blobs.pieces(blob.id(), segment.idx()),
              codec,
              edges,
              settings.hedgeDelay().toMillis(),
              settings.pieceTimeout().toMillis(),
              (piece, reason) -> reportBad(blob, segment, piece, reason),
              lease);
      codec.restoreData(shards, segment.shardSize(), lease);
      return new Restored(shards, lease);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** A segment's pieces with its data restored, and the lease they live under. */
  private record Restored(byte[][] shards, SegmentBuffers.Lease lease) implements AutoCloseable {
    @Override
    public void close() {
      lease.giveAll(shards, slot -> true);
      lease.close();
    }
  }

  /**
   * Reads plaintext {@code [start, end)} of a segment from the data pieces holding its chunks; null
   * when a needed piece is missing or anything fails (the caller then reads the whole segment, so
   * nothing is written before all of it authenticates).
   */
  private byte[] readFromDataPieces(
      Blob blob, Segment segment, SegmentCipher cipher, int start, int end, byte[] buffer) {
    if (blob.redundancy().replicated()) {
      return null;
    }
    int first = start / blob.chunkSize();
    int last = (end - 1) / blob.chunkSize();
    long rangeBytes = 2L * (last - first + 1) * (blob.chunkSize() + SegmentCipher.TAG);
    try (SegmentBuffers.Lease lease = buffers.lease(SegmentBuffers.Use.READ, rangeBytes)) {
      long cipherFrom = cipher.chunkCipherOffset(first);
      long cipherTo =
          cipher.chunkCipherOffset(last)
              + cipher.chunkPlainLength(segment.plainSize(), last)
              + SegmentCipher.TAG;
      List<StoredPiece> slots = blobs.pieces(blob.id(), segment.idx());
      byte[] sealed = new byte[(int) (cipherTo - cipherFrom)];
      int shardSize = segment.shardSize();
      int firstShard = (int) (cipherFrom / shardSize);
      int lastShard = (int) ((cipherTo - 1) / shardSize);
      java.util.List<CompletableFuture<byte[]>> parts = new java.util.ArrayList<>();
      for (int s = firstShard; s <= lastShard; s++) {
        int shard = s;
        StoredPiece piece =
            slots.stream()
                .filter(p -> p.pieceIdx() == shard && p.stored())
                .findFirst()
                .orElse(null);
        if (piece == null) {
          return null;
        }
        long partFrom = Math.max(cipherFrom, (long) shard * shardSize);
        long partTo = Math.min(cipherTo, (long) (shard + 1) * shardSize);
        parts.add(
            edges.getRange(
                piece.nodeAddress(),
                piece.endpoint(),
                piece.digest(),
                partFrom - (long) shard * shardSize,
                (int) (partTo - partFrom)));
      }
      int at = 0;
      for (CompletableFuture<byte[]> part : parts) {
        byte[] bytes =
            part.get(
                settings.pieceTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        System.arraycopy(bytes, 0, sealed, at, bytes.length);
        at += bytes.length;
      }
      java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream(end - start);
      cipher.decryptRange(
          segment.idx(),
          segment.plainSize(),
          (offset, n) -> new SegmentCipher.Slice(sealed, (int) (offset - cipherFrom)),
          start,
          end,
          buffer,
          plain);
      return plain.toByteArray();
    } catch (SegmentCipher.TamperedDataException e) {
      log.warn(
          "ranged read of blob {} failed authentication; reading the whole segment", blob.id());
      return null;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return null;
    }
  }

  private void reportBad(Blob blob, Segment segment, StoredPiece piece, String reason) {
    log.warn("piece {} of blob {} is bad: {}", piece.pieceIdx(), blob.id(), reason);
    blobs.markMissing(piece, "corrupt on read: " + reason);
  }

  private static <T> T await(CompletableFuture<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading a segment", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof java.io.UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }
}
