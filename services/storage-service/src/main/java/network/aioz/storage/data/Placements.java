package network.aioz.storage.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.storage.support.ServiceTokens;
import network.aioz.storage.support.StorageProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the task ledger where the pieces of a segment go ({@code POST /v1/placements}): distinct
 * nodes spread over regions and fault domains, chosen by reputation and free capacity; each
 * assignment is a STORE task that the edge works and proofs later check.
 */
@Component
public class Placements {

  private final HttpClient http;
  private final URI placements;
  private final ServiceTokens tokens;
  private final JsonMapper json =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  Placements(StorageProperties settings, ServiceTokens tokens) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.placements = settings.ledgerUrl().resolve("/v1/placements");
    this.tokens = tokens;
  }

  /**
   * Places the pieces of one segment.
   *
   * @param groupId what the pieces belong to (blob and segment), recorded on the tasks
   * @throws PlacementException when the ledger cannot place them (no capacity, unreachable)
   */
  public List<Assignment> place(
      String groupId, List<PieceHash> pieces, String preferredRegion, Set<String> excluded) {
    List<Piece> body =
        java.util.stream.IntStream.range(0, pieces.size())
            .mapToObj(i -> new Piece(i, pieces.get(i).digest(), pieces.get(i).size()))
            .toList();
    return placeSlots(groupId, body, preferredRegion, excluded);
  }

  /**
   * Places the given piece slots (repair: new homes for missing pieces), never on the excluded
   * nodes (those holding the segment's other pieces). Each task gets one attempt: only this service
   * can move a piece, because it pushes the bytes.
   */
  public List<Assignment> placeSlots(
      String groupId, List<Piece> pieces, String preferredRegion, Set<String> excluded) {
    // nodes busy with other transfers free up within moments: wait a little before giving up
    long[] pauses = {100, 300, 800, 1500};
    for (int attempt = 0; ; attempt++) {
      try {
        return placeOnce(groupId, pieces, preferredRegion, excluded);
      } catch (PlacementException e) {
        if (!e.unavailable() || attempt >= pauses.length) {
          throw e;
        }
        try {
          Thread.sleep(pauses[attempt]);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private List<Assignment> placeOnce(
      String groupId, List<Piece> pieces, String preferredRegion, Set<String> excluded) {
    byte[] request =
        json.writeValueAsBytes(
            new Placement(groupId, "STORE", pieces, preferredRegion, excluded, 1));
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(placements)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .header(InternalTokens.HEADER, tokens.current())
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new PlacementException("the task ledger is unreachable: " + e.getMessage(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlacementException("interrupted while placing pieces", true);
    }
    if (response.statusCode() != 201) {
      throw new PlacementException(
          "the task ledger refused the placement ("
              + response.statusCode()
              + "): "
              + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8),
          response.statusCode() == 503);
    }
    return json.readValue(response.body(), Placed.class).assignments();
  }

  /** A piece slot to place: its index in the segment, digest and size. */
  public record Piece(int index, String contentDigest, long sizeBytes) {}

  record Placement(
      String objectId,
      String kind,
      List<Piece> pieces,
      String preferredRegion,
      Set<String> excludeNodes,
      int maxAttempts) {}

  record Placed(String objectId, List<Assignment> assignments) {}

  /** Where one piece goes: the STORE task and the node that works it. */
  public record Assignment(int pieceIndex, String taskId, String nodeAddress, String endpoint) {}

  /** The ledger could not place pieces; {@code capacity} when it is a lack of nodes or space. */
  public static final class PlacementException extends RuntimeException {
    private final boolean unavailable;

    PlacementException(String message, boolean unavailable) {
      super(message, null, false, false);
      this.unavailable = unavailable;
    }

    public boolean unavailable() {
      return unavailable;
    }
  }
}
