package network.aioz.storage.data;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.aioz.shared.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Blobs, segments and piece slots in the storage database, with their events in the outbox. */
@Repository
public class BlobRepository {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Outbox outbox;
  private final Clock clock;

  BlobRepository(JdbcTemplate jdbc, TransactionTemplate tx, Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Inline blobs written but not yet committed, kept in memory: a tiny object costs no database
   * write until its commit, which inserts the blob in the same transaction.
   */
  private final java.util.concurrent.ConcurrentHashMap<UUID, Held> held =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Held(Blob blob, java.time.Instant since) {}

  void holdInline(Blob blob) {
    held.put(blob.id(), new Held(blob, clock.instant()));
  }

  /**
   * Writes held inline blobs among {@code ids} (state writing); runs in the caller's transaction.
   */
  public void persistHeld(Collection<UUID> ids) {
    for (UUID id : ids) {
      Held h = held.get(id);
      if (h != null) {
        insertWriting(h.blob());
        // forgotten only once the row is committed: a retried transaction writes it again
        org.springframework.transaction.support.TransactionSynchronizationManager
            .registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                  @Override
                  public void afterCommit() {
                    held.remove(id);
                  }
                });
      }
    }
  }

  /** Forgets held blobs older than {@code age} whose requests never committed them. */
  public int forgetHeld(java.time.Duration age) {
    java.time.Instant cutoff = clock.instant().minus(age);
    int before = held.size();
    held.values().removeIf(h -> h.since().isBefore(cutoff));
    return before - held.size();
  }

  /** Records a blob being written, so its pieces can be found and released if the write fails. */
  void insertWriting(Blob blob) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update(
        """
        insert into blob (id, tenant_id, state, size, redundancy, data_k, data_m, proof_priority,
            segment_size, chunk_size, key_wrap, master_key_id, wrapped_key, sse_key_md5, inline_data,
            created_at, updated_at)
        values (?, ?, 'writing', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        blob.id(),
        blob.tenantId(),
        blob.size(),
        blob.redundancy().name(),
        blob.redundancy().k(),
        blob.redundancy().m(),
        blob.proofPriority(),
        blob.segmentSize(),
        blob.chunkSize(),
        blob.keyWrap(),
        blob.masterKeyId(),
        blob.wrappedKey(),
        blob.sseKeyMd5(),
        blob.inlineData(),
        now,
        now);
  }

  void finishWriting(UUID blobId, long size, byte[] inlineCipher) {
    jdbc.update(
        "update blob set size = ?, inline_data = ?, updated_at = ? where id = ?",
        size,
        inlineCipher,
        Timestamp.from(clock.instant()),
        blobId);
  }

  /**
   * Records a segment and its piece slots in one transaction with the {@code PieceStored} events of
   * the stored ones.
   */
  void insertSegment(Segment segment, List<StoredPiece> pieces, Blob blob) {
    tx.executeWithoutResult(
        status -> {
          String state =
              jdbc.queryForObject(
                  "select state from blob where id = ? for update", String.class, segment.blobId());
          jdbc.update(
              "insert into segment (blob_id, idx, plain_offset, plain_size, cipher_size, shard_size)"
                  + " values (?, ?, ?, ?, ?, ?)",
              segment.blobId(),
              segment.idx(),
              segment.plainOffset(),
              segment.plainSize(),
              segment.cipherSize(),
              segment.shardSize());
          insertPieces(pieces, blob);
          jdbc.update(
              "update blob set updated_at = ? where id = ?",
              Timestamp.from(clock.instant()),
              segment.blobId());
          if ("released".equals(state)) {
            // the write was abandoned while this segment uploaded: its pieces go at once
            releasePieces(segment.blobId(), "write failed");
          }
        });
  }

  /** Inserts piece slots and announces the stored ones; must run inside a transaction. */
  void insertPieces(List<StoredPiece> pieces, Blob blob) {
    Timestamp now = Timestamp.from(clock.instant());
    List<Object[]> rows = new ArrayList<>();
    List<Outbox.PendingEvent> events = new ArrayList<>();
    for (StoredPiece p : pieces) {
      rows.add(
          new Object[] {
            p.id(),
            p.blobId(),
            p.segmentIdx(),
            p.pieceIdx(),
            p.state(),
            p.taskId(),
            p.nodeAddress(),
            p.endpoint(),
            p.digest(),
            p.size(),
            p.blockSize(),
            p.merkleRoot(),
            now,
            now
          });
      if (!p.stored() && p.taskId() != null) {
        // a placement whose upload failed or was cancelled: its node need not wait for it
        events.add(
            new Outbox.PendingEvent(
                PieceEvents.TOPIC,
                p.id().toString(),
                PieceEvents.RELEASED,
                new PieceEvents.PieceReleased(
                    p.id().toString(),
                    p.taskId().toString(),
                    p.nodeAddress(),
                    "upload not completed")));
      }
      if (p.stored()) {
        events.add(
            new Outbox.PendingEvent(
                PieceEvents.TOPIC,
                p.id().toString(),
                PieceEvents.STORED,
                new PieceEvents.PieceStored(
                    p.id().toString(),
                    p.taskId().toString(),
                    p.nodeAddress(),
                    p.endpoint(),
                    p.digest(),
                    p.size(),
                    p.blockSize(),
                    p.merkleRoot(),
                    blob.tenantId(),
                    blob.proofPriority())));
      }
    }
    jdbc.batchUpdate(
        """
        insert into piece (id, blob_id, segment_idx, piece_idx, state, task_id, node_address, endpoint,
            digest, size, block_size, merkle_root, created_at, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        rows);
    if (!events.isEmpty()) {
      outbox.appendAll(events);
    }
  }

  public Optional<Blob> find(UUID id) {
    return jdbc.query("select * from blob where id = ?", BlobRepository::blob, id).stream()
        .findFirst();
  }

  public List<Segment> segments(UUID blobId) {
    return jdbc.query(
        "select * from segment where blob_id = ? order by idx", BlobRepository::segment, blobId);
  }

  /** The live (stored or missing) piece slots of a segment, by slot. */
  public List<StoredPiece> pieces(UUID blobId, int segmentIdx) {
    return jdbc.query(
        "select * from piece where blob_id = ? and segment_idx = ? and state <> 'released'"
            + " order by piece_idx",
        BlobRepository::piece,
        blobId,
        segmentIdx);
  }

  /** Marks blobs as part of a committed object; runs in the caller's transaction. */
  public void markCommitted(Collection<UUID> blobIds) {
    persistHeld(blobIds);
    jdbc.batchUpdate(
        "update blob set state = 'committed', updated_at = ? where id = ?",
        blobIds.stream().map(id -> new Object[] {Timestamp.from(clock.instant()), id}).toList());
  }

  /**
   * Releases blobs nothing refers to any more: their pieces are released on their nodes (a {@code
   * PieceReleased} each); runs in the caller's transaction.
   *
   * @return the plaintext bytes released
   */
  public long release(Collection<UUID> blobIds, String reason) {
    long bytes = 0;
    for (UUID id : blobIds) {
      if (held.remove(id) != null) {
        continue;
      }
      Long size =
          jdbc
              .query(
                  "update blob set state = 'released', inline_data = null, updated_at = ?"
                      + " where id = ? and state <> 'released' returning size",
                  (rs, n) -> rs.getLong(1),
                  Timestamp.from(clock.instant()),
                  id)
              .stream()
              .findFirst()
              .orElse(null);
      if (size == null) {
        continue;
      }
      bytes += size;
      releasePieces(id, reason);
      jdbc.update("delete from repair_queue where blob_id = ?", id);
    }
    return bytes;
  }

  private void releasePieces(UUID id, String reason) {
    List<StoredPiece> released =
        jdbc.query(
            "update piece set state = 'released', updated_at = ? where blob_id = ?"
                + " and state <> 'released' returning *",
            BlobRepository::piece,
            Timestamp.from(clock.instant()),
            id);
    List<Outbox.PendingEvent> events =
        released.stream()
            .filter(p -> p.taskId() != null)
            .map(
                p ->
                    new Outbox.PendingEvent(
                        PieceEvents.TOPIC,
                        p.id().toString(),
                        PieceEvents.RELEASED,
                        new PieceEvents.PieceReleased(
                            p.id().toString(), p.taskId().toString(), p.nodeAddress(), reason)))
            .toList();
    if (!events.isEmpty()) {
      outbox.appendAll(events);
    }
  }

  /**
   * Takes a piece off its node (lost, corrupt, or its node left): the slot becomes missing, the
   * node is told to drop it, and the segment is queued for repair; in one transaction.
   */
  public void markMissing(StoredPiece piece, String reason) {
    tx.executeWithoutResult(
        status -> {
          int changed =
              jdbc.update(
                  "update piece set state = 'missing', updated_at = ? where id = ? and state = 'stored'",
                  Timestamp.from(clock.instant()),
                  piece.id());
          if (changed == 0) {
            return;
          }
          if (piece.taskId() != null) {
            outbox.append(
                PieceEvents.TOPIC,
                piece.id().toString(),
                PieceEvents.RELEASED,
                new PieceEvents.PieceReleased(
                    piece.id().toString(), piece.taskId().toString(), piece.nodeAddress(), reason));
          }
          Integer stored =
              jdbc.queryForObject(
                  "select count(*) from piece where blob_id = ? and segment_idx = ? and state = 'stored'",
                  Integer.class,
                  piece.blobId(),
                  piece.segmentIdx());
          Integer k =
              jdbc.queryForObject(
                  "select data_k from blob where id = ?", Integer.class, piece.blobId());
          enqueueRepair(piece.blobId(), piece.segmentIdx(), stored - k, reason);
        });
  }

  /** Marks a stored piece missing by its id; see {@link #markMissing}. */
  public boolean markMissingById(UUID pieceId, String reason) {
    return markMissingWhere("id = ?", pieceId, reason) > 0;
  }

  /** Marks the stored piece of a ledger task missing (its node gave up or failed it). */
  public boolean markMissingByTask(UUID taskId, String reason) {
    return markMissingWhere("task_id = ?", taskId, reason) > 0;
  }

  /** Marks every piece stored on a node missing (the node left, was ejected, stays offline). */
  public int markMissingOnNode(String node, String reason) {
    return markMissingWhere("lower(node_address) = lower(?)", node, reason);
  }

  private int markMissingWhere(String condition, Object value, String reason) {
    List<StoredPiece> found =
        jdbc.query(
            "select * from piece where " + condition + " and state = 'stored'",
            BlobRepository::piece,
            value);
    found.forEach(p -> markMissing(p, reason));
    return found.size();
  }

  /** Nodes that hold at least one stored piece. */
  public List<String> nodesHoldingPieces() {
    return jdbc.queryForList(
        "select distinct node_address from piece where state = 'stored'", String.class);
  }

  public Segment segment(UUID blobId, int idx) {
    return jdbc.queryForObject(
        "select * from segment where blob_id = ? and idx = ?",
        BlobRepository::segment,
        blobId,
        idx);
  }

  /** A repair job claimed for a while: nobody else takes it until {@code leaseUntil}. */
  public record RepairJob(UUID blobId, int segmentIdx, int health, int attempts) {}

  /** Claims the most urgent due repair jobs (lowest health first) for a lease. */
  public List<RepairJob> claimRepairs(int limit, java.time.Duration lease) {
    return tx.execute(
        status -> {
          List<RepairJob> jobs =
              jdbc.query(
                  "select blob_id, segment_idx, health, attempts from repair_queue"
                      + " where not_before <= ? order by health, not_before limit ?"
                      + " for update skip locked",
                  (rs, n) ->
                      new RepairJob(
                          rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3), rs.getInt(4)),
                  Timestamp.from(clock.instant()),
                  limit);
          for (RepairJob job : jobs) {
            jdbc.update(
                "update repair_queue set not_before = ? where blob_id = ? and segment_idx = ?",
                Timestamp.from(clock.instant().plus(lease)),
                job.blobId(),
                job.segmentIdx());
          }
          return jobs;
        });
  }

  /** A repair finished: forget the job. */
  public void finishRepair(UUID blobId, int segmentIdx) {
    jdbc.update(
        "delete from repair_queue where blob_id = ? and segment_idx = ?", blobId, segmentIdx);
  }

  /** A repair could not finish: try again later. */
  public void postponeRepair(RepairJob job, int health, java.time.Duration delay, String reason) {
    jdbc.update(
        "update repair_queue set health = ?, not_before = ?, attempts = attempts + 1, reason = ?"
            + " where blob_id = ? and segment_idx = ?",
        health,
        Timestamp.from(clock.instant().plus(delay)),
        reason,
        job.blobId(),
        job.segmentIdx());
  }

  /**
   * Records repaired pieces: each takes over its slot (the slot's missing rows are retired) and is
   * announced; failed placements are recorded released, which releases their tasks. One
   * transaction.
   */
  public void recordRepair(List<StoredPiece> repaired, List<StoredPiece> failed, Blob blob) {
    tx.executeWithoutResult(
        status -> {
          String state =
              jdbc.queryForObject(
                  "select state from blob where id = ? for update",
                  String.class,
                  repaired.isEmpty() ? failed.getFirst().blobId() : repaired.getFirst().blobId());
          if ("released".equals(state)) {
            // deleted while it was being repaired: the new pieces go at once
            List<StoredPiece> all = new ArrayList<>(failed);
            all.addAll(repaired);
            insertPieces(all.stream().map(p -> asReleased(p)).toList(), blob);
            return;
          }
          for (StoredPiece p : repaired) {
            jdbc.update(
                "update piece set state = 'released', updated_at = ? where blob_id = ?"
                    + " and segment_idx = ? and piece_idx = ? and state = 'missing'",
                Timestamp.from(clock.instant()),
                p.blobId(),
                p.segmentIdx(),
                p.pieceIdx());
          }
          List<StoredPiece> rows = new ArrayList<>(repaired);
          failed.forEach(f -> rows.add(asReleased(f)));
          insertPieces(rows, blob);
        });
  }

  private static StoredPiece asReleased(StoredPiece p) {
    return new StoredPiece(
        p.id(),
        p.blobId(),
        p.segmentIdx(),
        p.pieceIdx(),
        "released",
        p.taskId(),
        p.nodeAddress(),
        p.endpoint(),
        p.digest(),
        p.size(),
        p.blockSize(),
        p.merkleRoot());
  }

  /** Blobs left in state writing since before {@code cutoff}: their writers died. */
  public List<UUID> abandonedWrites(java.time.Instant cutoff, int limit) {
    return jdbc.queryForList(
        "select id from blob where state = 'writing' and updated_at < ? limit ?",
        UUID.class,
        Timestamp.from(cutoff),
        limit);
  }

  /**
   * Queues a segment for repair, keeping the lowest health seen (health = stored pieces - k: the
   * losses it can still survive).
   */
  public void enqueueRepair(UUID blobId, int segmentIdx, int health, String reason) {
    jdbc.update(
        """
        insert into repair_queue (blob_id, segment_idx, health, reason, not_before)
        values (?, ?, ?, ?, ?)
        on conflict (blob_id, segment_idx) do update
          set health = least(repair_queue.health, excluded.health), reason = excluded.reason
        """,
        blobId,
        segmentIdx,
        health,
        reason,
        Timestamp.from(clock.instant()));
  }

  /** Releases a blob whose write failed, in its own transaction. */
  void releaseUncommitted(UUID blobId, String reason) {
    tx.executeWithoutResult(status -> release(List.of(blobId), reason));
  }

  static Blob blob(ResultSet rs, int row) throws SQLException {
    return new Blob(
        rs.getObject("id", UUID.class),
        rs.getString("tenant_id"),
        rs.getString("state"),
        rs.getLong("size"),
        Redundancy.parse(rs.getString("redundancy")),
        rs.getString("proof_priority"),
        rs.getInt("segment_size"),
        rs.getInt("chunk_size"),
        rs.getString("key_wrap"),
        rs.getString("master_key_id"),
        rs.getBytes("wrapped_key"),
        rs.getString("sse_key_md5"),
        rs.getBytes("inline_data"));
  }

  static Segment segment(ResultSet rs, int row) throws SQLException {
    return new Segment(
        rs.getObject("blob_id", UUID.class),
        rs.getInt("idx"),
        rs.getLong("plain_offset"),
        rs.getInt("plain_size"),
        rs.getInt("cipher_size"),
        rs.getInt("shard_size"));
  }

  static StoredPiece piece(ResultSet rs, int row) throws SQLException {
    return new StoredPiece(
        rs.getObject("id", UUID.class),
        rs.getObject("blob_id", UUID.class),
        rs.getInt("segment_idx"),
        rs.getInt("piece_idx"),
        rs.getString("state"),
        rs.getObject("task_id", UUID.class),
        rs.getString("node_address"),
        rs.getString("endpoint"),
        rs.getString("digest"),
        rs.getInt("size"),
        rs.getInt("block_size"),
        rs.getString("merkle_root"));
  }
}
