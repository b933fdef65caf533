package network.aioz.storage.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
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
 * <p>Memory is bounded: at most two segments of one request are in flight besides the one filling,
 * each under a write lease of {@link SegmentBuffers} (plaintext and pieces; the plaintext part is
 * returned once encrypted, the pieces once uploaded), and the arrays are reused.
 */
@Component
public class BlobWriter {

  private static final Logger log = LoggerFactory.getLogger(BlobWriter.class);

  private final BlobRepository blobs;
  private final Placements placements;
  private final EdgePieces edges;
  private final DataKeys keys;
  private final SegmentBuffers buffers;
  private final StorageProperties settings;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

  BlobWriter(
      BlobRepository blobs,
      Placements placements,
      EdgePieces edges,
      DataKeys keys,
      SegmentBuffers buffers,
      StorageProperties settings) {
    this.blobs = blobs;
    this.placements = placements;
    this.edges = edges;
    this.keys = keys;
    this.buffers = buffers;
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
      String proofPriority,
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
            proofPriority,
            segmentSize,
            chunkSize,
            customerKey != null ? "sse-c" : "master",
            sealed.masterKeyId(),
            sealed.wrapped(),
            sealed.customerKeyMd5(),
            null);
    SegmentCipher cipher = new SegmentCipher(sealed.dataKey(), blobId, chunkSize);
    int inlineLimit = (int) settings.inlineThreshold().toBytes();
    byte[] head = new byte[inlineLimit + 1];
    int headLength = readFully(body, head, head.length);
    if (headLength <= inlineLimit) {
      // tiny: nothing goes to edges, so nothing is written until the object commits
      byte[] sealedBytes = new byte[cipher.cipherSize(headLength)];
      cipher.encrypt(0, head, headLength, sealedBytes);
      Blob inline = blob.withSize(headLength, sealedBytes);
      blobs.holdInline(inline);
      return inline;
    }
    blobs.insertWriting(blob);
    try {
      // a body of known length smaller than a segment gets a buffer of its size
      int capacity =
          expectedLength > headLength && expectedLength < segmentSize
              ? (int) expectedLength
              : segmentSize;
      long size = writeSegments(blob, cipher, body, head, headLength, capacity);
      blobs.finishWriting(blobId, size, null);
      return blob.withSize(size, null);
    } catch (IOException | RuntimeException | Error e) {
      discard(blobId, e);
      throw e;
    }
  }

  private long writeSegments(
      Blob blob, SegmentCipher cipher, InputStream body, byte[] head, int headLength, int capacity)
      throws IOException {
    int segmentSize = blob.segmentSize();
    SegmentCodec codec = new SegmentCodec(blob.redundancy());
    List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    long offset = 0;
    int index = 0;
    Filling filling = Filling.start(buffers, codec, cipher, capacity);
    System.arraycopy(head, 0, filling.buffer(), 0, headLength);
    int filled = headLength;
    try {
      while (true) {
        int want = filling.buffer().length;
        if (filled < want) {
          filled += readFully(body, filling.buffer(), filled, want - filled);
        }
        boolean last = filled < want;
        if (!last) {
          // a full buffer may still hold the last bytes: peek one byte to know
          int next = body.read();
          if (next >= 0) {
            submit(inFlight, blob, cipher, codec, index, offset, filling, filled);
            filling = null; // the submitted segment's lease is its worker's now
            offset += filled;
            index++;
            filling = Filling.start(buffers, codec, cipher, segmentSize);
            filling.buffer()[0] = (byte) next;
            filled = 1;
            continue;
          }
        }
        submit(inFlight, blob, cipher, codec, index, offset, filling, filled);
        filling = null;
        offset += filled;
        break;
      }
      for (CompletableFuture<Void> f : inFlight) {
        join(f);
      }
      return offset;
    } catch (IOException | RuntimeException | Error e) {
      inFlight.forEach(f -> f.cancel(true));
      if (filling != null) {
        filling.lease().close();
      }
      throw e;
    }
  }

  /**
   * A segment's plaintext buffer, taken under a write lease big enough for the segment's pieces
   * too, so that a segment once filled never waits for memory again.
   */
  private record Filling(SegmentBuffers.Lease lease, byte[] buffer) {

    static Filling start(
        SegmentBuffers buffers, SegmentCodec codec, SegmentCipher cipher, int capacity)
        throws IOException {
      SegmentBuffers.Lease lease =
          buffers.lease(SegmentBuffers.Use.WRITE, capacity + codec.maxPieceBytes(cipher, capacity));
      return new Filling(lease, lease.take(capacity));
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
      Filling filling,
      int plainSize)
      throws IOException {
    try {
      while (inFlight.size() >= 2) {
        join(inFlight.removeFirst());
      }
    } catch (IOException | RuntimeException | Error e) {
      filling.lease().close();
      throw e;
    }
    CompletableFuture<Void> job =
        CompletableFuture.runAsync(
            () -> {
              try (SegmentBuffers.Lease lease = filling.lease()) {
                storeSegment(blob, cipher, codec, index, offset, filling, plainSize);
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
      Filling filling,
      int plainSize) {
    long t0 = System.nanoTime();
    SegmentBuffers.Lease lease = filling.lease();
    int cipherSize = cipher.cipherSize(plainSize);
    byte[][] shards = codec.encryptAndEncode(cipher, index, filling.buffer(), plainSize, lease);
    // the plaintext is no longer needed: its memory can serve the next segment at once
    lease.give(filling.buffer());
    lease.trimToTaken();
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
    Uploads uploads = upload(assignments, hashes, shards, blob.redundancy().successThreshold());
    long t3 = System.nanoTime();
    // arrays whose upload ended are read no more and can be reused; a cancelled upload may still
    // be reading its array, so that one is left to the garbage collector
    lease.giveAll(shards, slot -> uploads.finished()[slot]);
    boolean[] stored = uploads.stored();
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
    blobs.insertSegment(segment, slots, blob);
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
              + " needed)"
              + (uploads.failures().isEmpty() ? "" : "; " + String.join("; ", uploads.failures())));
    }
    if (storedCount < shards.length) {
      blobs.enqueueRepair(blob.id(), index, storedCount - k, "upload long tail");
    }
  }

  /**
   * Which pieces were stored, which uploads ran to their end (not cancelled), and why the failed
   * ones failed.
   */
  private record Uploads(boolean[] stored, boolean[] finished, List<String> failures) {}

  /** Uploads pieces in parallel; returns which were stored and which uploads have ended. */
  private Uploads upload(
      List<Placements.Assignment> assignments,
      List<PieceHash> hashes,
      byte[][] shards,
      int threshold) {
    boolean[] stored = new boolean[shards.length];
    boolean[] ended = new boolean[shards.length];
    AtomicInteger succeeded = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
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
                ended[slot] = true;
              }
              if (succeeded.incrementAndGet() >= threshold) {
                enough.complete(null);
              }
            } else if (!(error instanceof CancellationException)) {
              synchronized (stored) {
                ended[slot] = true;
              }
              Throwable cause = EdgePieces.rootCause(error);
              failures.add(
                  a.endpoint()
                      + ": "
                      + (cause.getMessage() != null
                          ? cause.getMessage()
                          : cause.getClass().getSimpleName()));
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
      return new Uploads(stored.clone(), ended.clone(), List.copyOf(failures));
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
