package network.aioz.edge.ledger;

/** Body of {@code POST /v1/edges}. */
public record Registration(
    String address,
    String region,
    String faultDomain,
    String endpoint,
    String agentVersion,
    Capabilities capabilities) {}
