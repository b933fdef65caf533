package network.aioz.ledger.edge;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import network.aioz.ledger.support.NodeAddress;
import network.aioz.ledger.support.StrictJson;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The edge API: registration and heartbeats (signed by the node's key), and public node views with
 * reputation. Bodies are taken as bytes because the signature covers exactly those bytes.
 */
@RestController
class EdgeController {

  private final EdgeAuthenticator authenticator;
  private final EdgeRegistry registry;
  private final StrictJson json;

  EdgeController(EdgeAuthenticator authenticator, EdgeRegistry registry, StrictJson json) {
    this.authenticator = authenticator;
    this.registry = registry;
    this.json = json;
  }

  @PostMapping("/v1/edges")
  ResponseEntity<EdgeRequests.NodeView> register(
      HttpServletRequest request, @RequestBody(required = false) byte[] body) {
    String signer = authenticator.authenticate(request, body);
    EdgeRequests.Registration declaration = json.read(body, EdgeRequests.Registration.class);
    boolean created = registry.register(signer, declaration);
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
        .body(registry.view(signer));
  }

  @PostMapping("/v1/edges/{address}/heartbeats")
  EdgeRequests.HeartbeatAccepted heartbeat(
      @PathVariable String address,
      HttpServletRequest request,
      @RequestBody(required = false) byte[] body) {
    String signer = authenticator.authenticate(request, body);
    return registry.heartbeat(
        NodeAddress.canonical(address), signer, json.read(body, EdgeRequests.Heartbeat.class));
  }

  @GetMapping("/v1/edges/{address}")
  EdgeRequests.NodeView node(@PathVariable String address) {
    return registry.view(NodeAddress.canonical(address));
  }

  @GetMapping("/v1/edges")
  Map<String, List<EdgeRequests.NodeView>> nodes(
      @RequestParam(required = false) String region,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String after,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw ApiProblem.badRequest("limit must be between 1 and 1000");
    }
    return Map.of("nodes", registry.list(region, status, after, limit));
  }
}
