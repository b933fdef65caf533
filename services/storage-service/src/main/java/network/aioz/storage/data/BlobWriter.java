package network.aioz.storage.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import network.aioz.storage.support.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Streams a body into a new blob: tiny bodies are encrypted inline; larger ones are cut into
 * segments that are encrypted, erasure-coded, hashed (digest and Merkle root per piece), placed
 * through the ledger and uploaded to their edges in parallel, the next segment being read while the
 * previous one uploads. A segment succeeds once its success threshold of pieces is stored; slower
 * uploads get a short grace and are then cancelled and left to repair.
 *
 * <p>Memory is bounded: at most two segments of one request are in flight, and all requests share a
 * global budget of segment buffers.
 */
@Component
public class BlobWriter {

  private static final Logger log = LoggerFactory.getLogger(BlobWriter.class);

  private final BlobRepository blobs;
  private final Placements placements;
  private final EdgePieces edges;
  private final DataKeys keys;
  private final SegmentBudget budget;
  private final StorageProperties settings;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

  BlobWriter(
      BlobRepository blobs,
      Placements placements,
      EdgePieces edges,
      DataKeys keys,
      SegmentBudget budget,
      StorageProperties settings) {
    this.blobs = blobs;
    this.placements = placements;
    this.edges = edges;
    this.keys = keys;
    this.budget = budget;
    this.settings = settings;
  }

  /**
   * Writes a blob from {@code body} to its end. The blob stays in state {@code writing} until an
   * object commits it; on failure its pieces are released.
   *
   * @param expectedLength the decoded body length when known, else -1 (sizes the first buffer)
   * @throws IOException when reading the body fails (the body's own S3 errors propagate as they
   *     are)
   * @throws Placements.PlacementException or {@link SegmentWriteException} when the data cannot be
   *     stored with enough redundancy
   */
  public Blob write(
      String tenantId,
      Redundancy redundancy,
      DataKeys.CustomerKey customerKey,
      InputStream body,
      long expectedLength)
      throws IOException {
    UUID blobId = UUID.randomUUID();
    DataKeys.Sealed sealed = keys.newKey(blobId, customerKey);
    int segmentSize = (int) settings.segmentSize().toBytes();
    int chunkSize = (int) settings.chunkSize().toBytes();
    Blob blob =
        new Blob(
            blobId,
            tenantId,
            "writing",
            0,
            redundancy,
            segmentSize,
            chunkSize,
            customerKey != null ? "sse-c" : "master",
            sealed.masterKeyId(),
            sealed.wrapped(),
            sealed.customerKeyMd5(),
            null);
    SegmentCipher cipher = new SegmentCipher(sealed.dataKey(), blobId, chunkSize);
    int inlineLimit = (int) settings.inlineThreshold().toBytes();
    int first =
        expectedLength >= 0 && expectedLength <= segmentSize
            ? (int) Math.max(expectedLength + 1, 1)
            : inlineLimit + 1;
    byte[] head = new byte[Math.min(first, segmentSize)];
    int headLength = readFully(body, head, head.length);
    if (headLength <= inlineLimit && headLength < head.length) {
      // tiny: nothing goes to edges, so nothing is written until the object commits
      byte[] sealedBytes = new byte[cipher.cipherSize(headLength)];
      cipher.encrypt(0, head, headLength, sealedBytes);
      Blob inline = blob.withSize(headLength, sealedBytes);
      blobs.holdInline(inline);
      return inline;
    }
    blobs.insertWriting(blob);
    try {
      long size = writeSegments(blob, cipher, body, head, headLength);
      blobs.finishWriting(blobId, size, null);
      return blob.withSize(size, null);
    } catch (IOException | RuntimeException | Error e) {
      discard(blobId, e);
      throw e;
    }
  }

  private long writeSegments(
      Blob blob, SegmentCipher cipher, InputStream body, byte[] head, int headLength)
      throws IOException {
    int segmentSize = blob.segmentSize();
    SegmentCodec codec = new SegmentCodec(blob.redundancy());
    List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    long offset = 0;
    int index = 0;
    if (headLength < head.length) {
      // the whole body is already in the first buffer
      submit(inFlight, blob, cipher, codec, 0, 0, head, headLength);
      join(inFlight.removeFirst());
      return headLength;
    }
    byte[] buffer = head.length == segmentSize ? head : Arrays.copyOf(head, segmentSize);
    int filled = headLength;
    try {
      while (true) {
        if (filled < segmentSize) {
          filled += readFully(body, buffer, filled, segmentSize - filled);
        }
        if (filled == 0 && index > 0) {
          break;
        }
        boolean last = filled < segmentSize;
        if (!last) {
          // a full segment may still be the last one: peek one byte to know
          int next = body.read();
          if (next < 0) {
            last = true;
          } else {
            submit(inFlight, blob, cipher, codec, index, offset, buffer, filled);
            offset += filled;
            index++;
            buffer = new byte[segmentSize];
            buffer[0] = (byte) next;
            filled = 1;
            continue;
          }
        }
        submit(inFlight, blob, cipher, codec, index, offset, buffer, filled);
        offset += filled;
        break;
      }
      for (CompletableFuture<Void> f : inFlight) {
        join(f);
      }
      return offset;
    } catch (IOException | RuntimeException | Error e) {
      inFlight.forEach(f -> f.cancel(true));
      throw e;
    }
  }

  /** Hands a segment to a worker, waiting while this request already has two in flight. */
  private void submit(
      List<CompletableFuture<Void>> inFlight,
      Blob blob,
      SegmentCipher cipher,
      SegmentCodec codec,
      int index,
      long offset,
      byte[] plain,
      int plainSize)
      throws IOException {
    while (inFlight.size() >= 2) {
      join(inFlight.removeFirst());
    }
    budget.acquire();
    Plain holder = new Plain(plain);
    CompletableFuture<Void> job =
        CompletableFuture.runAsync(
            () -> {
              try {
                storeSegment(blob, cipher, codec, index, offset, holder, plainSize);
              } finally {
                budget.release();
              }
            },
            workers);
    inFlight.add(job);
  }

  private void storeSegment(
      Blob blob,
      SegmentCipher cipher,
      SegmentCodec codec,
      int index,
      long offset,
      Plain plain,
      int plainSize) {
    long t0 = System.nanoTime();
    int cipherSize = cipher.cipherSize(plainSize);
    byte[][] shards = codec.encryptAndEncode(cipher, index, plain.take(), plainSize);
    int shardSize = shards[0].length;
    int blockSize = (int) settings.blockSize().toBytes();
    List<PieceHash> hashes = new ArrayList<>(shards.length);
    PieceHash previous = null;
    for (int i = 0; i < shards.length; i++) {
      // replicas are the same array: hash them once
      PieceHash hash =
          i > 0 && shards[i] == shards[i - 1] ? previous : PieceHash.of(shards[i], blockSize);
      hashes.add(hash);
      previous = hash;
    }
    long t1 = System.nanoTime();
    List<Placements.Assignment> assignments =
        placements.place(blob.id() + "/" + index, hashes, null, java.util.Set.of());
    long t2 = System.nanoTime();
    Segment segment = new Segment(blob.id(), index, offset, plainSize, cipherSize, shardSize);
    boolean[] stored = upload(assignments, hashes, shards, blob.redundancy().successThreshold());
    long t3 = System.nanoTime();
    List<StoredPiece> slots = new ArrayList<>(shards.length);
    int storedCount = 0;
    for (Placements.Assignment a : assignments) {
      PieceHash h = hashes.get(a.pieceIndex());
      boolean ok = stored[a.pieceIndex()];
      storedCount += ok ? 1 : 0;
      slots.add(
          new StoredPiece(
              UUID.randomUUID(),
              blob.id(),
              index,
              a.pieceIndex(),
              ok ? "stored" : "missing",
              UUID.fromString(a.taskId()),
              a.nodeAddress(),
              a.endpoint(),
              h.digest(),
              h.size(),
              h.blockSize(),
              h.merkleRoot()));
    }
    blobs.insertSegment(segment, slots, blob.tenantId());
    if (log.isDebugEnabled()) {
      log.debug(
          "segment {} of blob {}: {} bytes; encode {} ms, place {} ms, upload {} ms, record {} ms",
          index,
          blob.id(),
          plainSize,
          (t1 - t0) / 1_000_000,
          (t2 - t1) / 1_000_000,
          (t3 - t2) / 1_000_000,
          (System.nanoTime() - t3) / 1_000_000);
    }
    int k = blob.redundancy().k();
    if (storedCount < blob.redundancy().successThreshold()) {
      throw new SegmentWriteException(
          "only "
              + storedCount
              + " of "
              + shards.length
              + " pieces of segment "
              + index
              + " reached edges (at least "
              + blob.redundancy().successThreshold()
              + " needed)");
    }
    if (storedCount < shards.length) {
      blobs.enqueueRepair(blob.id(), index, storedCount - k, "upload long tail");
    }
  }

  /** Uploads pieces in parallel; returns which were stored. */
  private boolean[] upload(
      List<Placements.Assignment> assignments,
      List<PieceHash> hashes,
      byte[][] shards,
      int threshold) {
    boolean[] stored = new boolean[shards.length];
    AtomicInteger succeeded = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    CompletableFuture<Void> enough = new CompletableFuture<>();
    List<CompletableFuture<Void>> uploads = new ArrayList<>();
    for (Placements.Assignment a : assignments) {
      int slot = a.pieceIndex();
      CompletableFuture<Void> upload =
          edges.put(a.endpoint(), hashes.get(slot).digest(), shards[slot]);
      upload.whenComplete(
          (ok, error) -> {
            if (error == null) {
              synchronized (stored) {
                stored[slot] = true;
              }
              if (succeeded.incrementAndGet() >= threshold) {
                enough.complete(null);
              }
            } else if (!(error instanceof CancellationException)) {
              log.debug("piece {} upload to {} failed: {}", slot, a.endpoint(), error.toString());
            }
            if (finished.incrementAndGet() == assignments.size()) {
              enough.complete(null);
            }
          });
      uploads.add(upload);
    }
    try {
      enough.get(settings.pieceTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new))
          .get(settings.longTailGrace().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // the long tail: whatever is not done by now is cancelled and left to repair
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      uploads.forEach(u -> u.cancel(true));
    }
    synchronized (stored) {
      return stored.clone();
    }
  }

  private void discard(UUID blobId, Throwable cause) {
    try {
      blobs.releaseUncommitted(blobId, "write failed");
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static void join(CompletableFuture<Void> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while storing a segment", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IOException(e.getCause());
    }
  }

  static int readFully(InputStream in, byte[] buffer, int length) throws IOException {
    return readFully(in, buffer, 0, length);
  }

  static int readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
    int total = 0;
    while (total < length) {
      int n = in.read(buffer, offset + total, length - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /**
   * A segment's plaintext, handed over once: after encryption nothing holds on to it, so its memory
   * is free while the pieces upload.
   */
  private static final class Plain {
    private byte[] bytes;

    Plain(byte[] bytes) {
      this.bytes = bytes;
    }

    byte[] take() {
      byte[] b = bytes;
      bytes = null;
      return b;
    }
  }

  /** A segment could not be stored with the redundancy its bucket asks for. */
  public static final class SegmentWriteException extends RuntimeException {
    SegmentWriteException(String message) {
      super(message, null, false, false);
    }
  }
}
