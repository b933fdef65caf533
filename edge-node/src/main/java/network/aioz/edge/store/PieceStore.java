package network.aioz.edge.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Pieces on disk named by the SHA-256 of their bytes, under {@code <root>/<first two
 * hex>/<digest>}.
 *
 * <p>A write streams to a temp file while hashing and becomes visible only by an atomic move once
 * its digest is proven, so a reader never sees a partial or wrong piece. Disk use is reserved
 * before bytes are written, so concurrent writes together never exceed the operator's quota.
 */
public final class PieceStore {

  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
  private static final String TEMP_DIR = ".tmp";
  private static final int BUFFER = 64 * 1024;
  private static final int FRESHLY_VERIFIED_LIMIT = 4096;

  private final Path root;
  private final Path temp;
  private final long quotaBytes;

  /** Bytes of stored pieces plus bytes reserved by writes in flight. */
  private final AtomicLong committedBytes = new AtomicLong();

  private final AtomicLong usedBytes = new AtomicLong();
  private final AtomicInteger pieces = new AtomicInteger();
  private final Map<String, WriteSlot> writesInFlight = new HashMap<>();

  /**
   * Pieces this process wrote and hashed on the way to disk, not yet reported: their first report
   * needs no second pass over the bytes. Bounded; a piece that falls out is simply hashed again.
   */
  private final Map<String, Boolean> freshlyVerified =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > FRESHLY_VERIFIED_LIMIT;
        }
      };

  /** A stored piece. */
  public record Piece(String digest, Path file, long sizeBytes) {}

  /** What a write did. */
  public enum PutOutcome {
    CREATED,
    ALREADY_PRESENT
  }

  /**
   * Opens the store, deleting temp files a previous run left behind and counting what is stored.
   */
  public PieceStore(Path root, long quotaBytes) {
    this.root = root;
    this.temp = root.resolve(TEMP_DIR);
    this.quotaBytes = quotaBytes;
    try {
      Files.createDirectories(temp);
      deleteTempFiles();
      rebuildUsage();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the piece store at " + root, e);
    }
  }

  public static boolean isDigest(String value) {
    return value != null && DIGEST.matcher(value).matches();
  }

  public long quotaBytes() {
    return quotaBytes;
  }

  public long usedBytes() {
    return usedBytes.get();
  }

  public int pieceCount() {
    return pieces.get();
  }

  public boolean contains(String digest) {
    return isDigest(digest) && Files.isRegularFile(pathOf(digest));
  }

  public Optional<Piece> find(String digest) {
    if (!isDigest(digest)) {
      return Optional.empty();
    }
    Path file = pathOf(digest);
    try {
      return Optional.of(new Piece(digest, file, Files.size(file)));
    } catch (IOException missing) {
      return Optional.empty();
    }
  }

  /** Deletes a piece; false when it was not there. */
  public boolean delete(String digest) throws IOException {
    if (!isDigest(digest)) {
      return false;
    }
    Path file = pathOf(digest);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException missing) {
      return false;
    }
    synchronized (freshlyVerified) {
      freshlyVerified.remove(digest);
    }
    if (!Files.deleteIfExists(file)) {
      return false;
    }
    usedBytes.addAndGet(-size);
    pieces.decrementAndGet();
    return true;
  }

  /**
   * The SHA-256 of the stored bytes, for a report of the piece: the hash taken while this process
   * wrote them (once, right after the write), else a fresh pass over what is on disk.
   */
  public String sha256ForReport(String digest) throws IOException {
    synchronized (freshlyVerified) {
      if (freshlyVerified.remove(digest) != null && contains(digest)) {
        return digest;
      }
    }
    return sha256OfStored(digest);
  }

  /** Hashes the stored bytes again, so a report of the piece describes what is really on disk. */
  public String sha256OfStored(String digest) throws IOException {
    MessageDigest sha256 = sha256();
    try (InputStream in = Files.newInputStream(pathOf(digest))) {
      byte[] buffer = new byte[BUFFER];
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        sha256.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  /**
   * Stores the bytes of {@code body} as the piece {@code digest}.
   *
   * @param declaredLength the Content-Length, or -1 when unknown
   * @param maxBytes the most bytes this piece may have
   * @throws QuotaExceededException when the piece would not fit in the quota (nothing is kept)
   * @throws PieceTooLargeException when the body is longer than {@code maxBytes} (nothing is kept)
   * @throws DigestMismatchException when the bytes do not hash to {@code digest} (nothing is kept)
   */
  public PutOutcome put(String digest, InputStream body, long declaredLength, long maxBytes)
      throws IOException {
    if (!isDigest(digest)) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256 digest: " + digest);
    }
    if (declaredLength > maxBytes) {
      throw new PieceTooLargeException(maxBytes);
    }
    // one write per piece at a time: a second writer of the same bytes waits and finds it stored,
    // instead of reserving the quota twice for one piece
    WriteSlot slot = enter(digest);
    try {
      if (contains(digest)) {
        if (digest.equals(sha256OfStored(digest))) {
          return PutOutcome.ALREADY_PRESENT;
        }
        // the copy on disk went bad (a repair is sending the piece again): replace it
        delete(digest);
      }
      return write(digest, body, declaredLength, maxBytes);
    } finally {
      leave(digest, slot);
    }
  }

  private PutOutcome write(String digest, InputStream body, long declaredLength, long maxBytes)
      throws IOException {
    if (declaredLength > maxBytes) {
      throw new PieceTooLargeException(maxBytes);
    }
    long reserved = Math.max(declaredLength, 0);
    reserve(reserved);
    Path part = temp.resolve(digest + "." + UUID.randomUUID() + ".part");
    boolean moved = false;
    try {
      MessageDigest sha256 = sha256();
      long written = 0;
      try (FileChannel out =
          FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        byte[] buffer = new byte[BUFFER];
        for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
          written += n;
          if (written > maxBytes) {
            throw new PieceTooLargeException(maxBytes);
          }
          if (written > reserved) {
            reserve(written - reserved);
            reserved = written;
          }
          sha256.update(buffer, 0, n);
          ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
          while (chunk.hasRemaining()) {
            out.write(chunk);
          }
        }
        // a crash after the move must not leave a piece whose bytes never reached the disk
        out.force(false);
      }
      String actual = HexFormat.of().formatHex(sha256.digest());
      if (!actual.equals(digest)) {
        throw new DigestMismatchException(digest, actual);
      }
      Path target = pathOf(digest);
      Files.createDirectories(target.getParent());
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      synchronized (freshlyVerified) {
        freshlyVerified.put(digest, Boolean.TRUE);
      }
      committedBytes.addAndGet(written - reserved);
      usedBytes.addAndGet(written);
      pieces.incrementAndGet();
      return PutOutcome.CREATED;
    } finally {
      if (!moved) {
        Files.deleteIfExists(part);
        committedBytes.addAndGet(-reserved);
      }
    }
  }

  private WriteSlot enter(String digest) throws InterruptedIOException {
    WriteSlot slot;
    synchronized (writesInFlight) {
      slot = writesInFlight.computeIfAbsent(digest, d -> new WriteSlot());
      slot.users++;
    }
    try {
      slot.lock.lockInterruptibly();
      return slot;
    } catch (InterruptedException e) {
      release(digest, slot);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while another write of the piece ran");
    }
  }

  private void leave(String digest, WriteSlot slot) {
    slot.lock.unlock();
    release(digest, slot);
  }

  private void release(String digest, WriteSlot slot) {
    synchronized (writesInFlight) {
      if (--slot.users == 0) {
        writesInFlight.remove(digest);
      }
    }
  }

  /** Serialises the writes of one piece; {@code users} counts writers holding or awaiting it. */
  private static final class WriteSlot {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  private void reserve(long bytes) throws QuotaExceededException {
    long before;
    do {
      before = committedBytes.get();
      if (before + bytes > quotaBytes) {
        throw new QuotaExceededException(quotaBytes, before);
      }
    } while (!committedBytes.compareAndSet(before, before + bytes));
  }

  private Path pathOf(String digest) {
    return root.resolve(digest.substring(0, 2)).resolve(digest);
  }

  private void deleteTempFiles() throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(temp)) {
      for (Path leftover : leftovers) {
        Files.deleteIfExists(leftover);
      }
    }
  }

  private void rebuildUsage() throws IOException {
    long bytes = 0;
    int count = 0;
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path shard : shards) {
        String prefix = shard.getFileName().toString();
        if (prefix.equals(TEMP_DIR)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
          for (Path file : files) {
            String name = file.getFileName().toString();
            if (isDigest(name) && name.startsWith(prefix) && Files.isRegularFile(file)) {
              bytes += Files.size(file);
              count++;
            }
          }
        }
      }
    }
    usedBytes.set(bytes);
    committedBytes.set(bytes);
    pieces.set(count);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
