package network.aioz.storage.repair;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.aioz.storage.data.Blob;
import network.aioz.storage.data.BlobRepository;
import network.aioz.storage.data.DataUnavailableException;
import network.aioz.storage.data.EdgePieces;
import network.aioz.storage.data.PieceHash;
import network.aioz.storage.data.Placements;
import network.aioz.storage.data.Segment;
import network.aioz.storage.data.SegmentBuffers;
import network.aioz.storage.data.SegmentCodec;
import network.aioz.storage.data.SegmentFetch;
import network.aioz.storage.data.StoredPiece;
import network.aioz.storage.support.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works the repair queue, least healthy segment first: reads any k pieces, rebuilds the missing
 * ones (Reed–Solomon is deterministic, so a rebuilt piece must hash to the digest recorded when it
 * was first written), places them on nodes that hold none of the segment, uploads them and records
 * them. A segment with fewer than k pieces left waits for nodes to come back.
 */
@Component
class RepairWorker {

  private static final Logger log = LoggerFactory.getLogger(RepairWorker.class);
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final BlobRepository blobs;
  private final EdgePieces edges;
  private final Placements placements;
  private final SegmentBuffers buffers;
  private final StorageProperties settings;

  RepairWorker(
      BlobRepository blobs,
      EdgePieces edges,
      Placements placements,
      SegmentBuffers buffers,
      StorageProperties settings) {
    this.blobs = blobs;
    this.edges = edges;
    this.placements = placements;
    this.buffers = buffers;
    this.settings = settings;
  }

  @Scheduled(
      fixedDelayString = "${storage.repair-interval:PT2S}",
      initialDelayString = "${storage.repair-interval:PT2S}")
  void run() {
    for (BlobRepository.RepairJob job : blobs.claimRepairs(4, LEASE)) {
      try {
        repair(job);
      } catch (RuntimeException e) {
        log.warn(
            "repair of segment {} of blob {} failed: {}",
            job.segmentIdx(),
            job.blobId(),
            e.toString());
        blobs.postponeRepair(job, job.health(), backoff(job), e.getMessage());
      }
    }
  }

  /** Repairs one segment; public to the package so tests can drive it directly. */
  void repair(BlobRepository.RepairJob job) {
    Blob blob = blobs.find(job.blobId()).orElse(null);
    if (blob == null || "released".equals(blob.state()) || blob.inline()) {
      blobs.finishRepair(job.blobId(), job.segmentIdx());
      return;
    }
    Segment segment = blobs.segment(blob.id(), job.segmentIdx());
    SegmentCodec codec = new SegmentCodec(blob.redundancy());
    int n = blob.redundancy().pieces();
    int k = blob.redundancy().k();
    List<StoredPiece> slots = blobs.pieces(blob.id(), segment.idx());
    Map<Integer, StoredPiece> template = new TreeMap<>();
    Set<Integer> storedSlots = new HashSet<>();
    Set<String> holders = new HashSet<>();
    for (StoredPiece p : slots) {
      template.putIfAbsent(p.pieceIdx(), p);
      if (p.stored()) {
        storedSlots.add(p.pieceIdx());
        template.put(p.pieceIdx(), p);
        // only nodes holding a piece are excluded: the node that lost one may get it back when
        // no other node is free (it replaces a bad copy; its old task's release keeps the bytes)
        holders.add(p.nodeAddress());
      }
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!storedSlots.contains(i)) {
        missing.add(i);
      }
    }
    if (missing.isEmpty()) {
      blobs.finishRepair(blob.id(), segment.idx());
      return;
    }
    if (storedSlots.size() < k) {
      log.error(
          "segment {} of blob {} has {} of the {} pieces it needs; waiting for nodes to return",
          segment.idx(),
          blob.id(),
          storedSlots.size(),
          k);
      blobs.postponeRepair(job, storedSlots.size() - k, Duration.ofMinutes(1), "below k");
      return;
    }
    int arrays = blob.redundancy().replicated() ? 2 : n;
    SegmentBuffers.Lease lease;
    try {
      lease = buffers.lease(SegmentBuffers.Use.WRITE, (long) arrays * segment.shardSize());
    } catch (java.io.IOException e) {
      blobs.postponeRepair(job, job.health(), backoff(job), e.getMessage());
      return;
    }
    try {
      byte[][] shards;
      try {
        shards =
            SegmentFetch.fetchShards(
                segment,
                slots,
                codec,
                edges,
                settings.hedgeDelay().toMillis(),
                settings.pieceTimeout().toMillis(),
                (bad, reason) -> blobs.markMissing(bad, "corrupt on repair read: " + reason),
                lease);
      } catch (DataUnavailableException e) {
        blobs.postponeRepair(job, storedSlots.size() - k, backoff(job), e.getMessage());
        return;
      }
      codec.rebuild(shards, segment.shardSize(), lease);
      List<Placements.Piece> wanted = new ArrayList<>();
      for (int slot : missing) {
        StoredPiece recorded = template.get(slot);
        if (recorded == null || !PieceHash.matches(shards[slot], recorded.digest())) {
          throw new IllegalStateException(
              "rebuilt piece "
                  + slot
                  + " of segment "
                  + segment.idx()
                  + " does not match its digest");
        }
        wanted.add(new Placements.Piece(slot, recorded.digest(), recorded.size()));
      }
      List<Placements.Assignment> assignments =
          placements.placeSlots(blob.id() + "/" + segment.idx() + "/repair", wanted, null, holders);
      List<StoredPiece> repaired = new ArrayList<>();
      List<StoredPiece> failed = new ArrayList<>();
      List<CompletableFuture<Void>> uploads = new ArrayList<>();
      boolean[] stillRead = new boolean[shards.length];
      for (Placements.Assignment a : assignments) {
        StoredPiece recorded = template.get(a.pieceIndex());
        uploads.add(
            edges
                .put(a.endpoint(), recorded.digest(), shards[a.pieceIndex()])
                .orTimeout(settings.pieceTimeout().toMillis(), TimeUnit.MILLISECONDS));
      }
      for (int i = 0; i < assignments.size(); i++) {
        Placements.Assignment a = assignments.get(i);
        StoredPiece recorded = template.get(a.pieceIndex());
        boolean ok;
        try {
          uploads.get(i).join();
          ok = true;
        } catch (RuntimeException e) {
          ok = false;
        }
        StoredPiece placed =
            new StoredPiece(
                UUID.randomUUID(),
                blob.id(),
                segment.idx(),
                a.pieceIndex(),
                ok ? "stored" : "missing",
                UUID.fromString(a.taskId()),
                a.nodeAddress(),
                a.endpoint(),
                recorded.digest(),
                recorded.size(),
                recorded.blockSize(),
                recorded.merkleRoot());
        (ok ? repaired : failed).add(placed);
        // a failed upload may still be reading its array: that one is not reused
        stillRead[a.pieceIndex()] = !ok;
      }
      lease.giveAll(shards, slot -> !stillRead[slot]);
      blobs.recordRepair(repaired, failed, blob);
      int health = storedSlots.size() + repaired.size() - k;
      if (failed.isEmpty()) {
        blobs.finishRepair(blob.id(), segment.idx());
        log.info(
            "repaired {} piece(s) of segment {} of blob {}",
            repaired.size(),
            segment.idx(),
            blob.id());
      } else {
        blobs.postponeRepair(job, health, backoff(job), failed.size() + " upload(s) failed");
      }
    } finally {
      lease.close();
    }
  }

  private static Duration backoff(BlobRepository.RepairJob job) {
    return Duration.ofSeconds(Math.min(300, 2L << Math.min(job.attempts(), 7)));
  }
}
