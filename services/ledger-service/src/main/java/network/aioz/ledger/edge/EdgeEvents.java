package network.aioz.ledger.edge;

/** Facts about edge nodes, published on the {@value #TOPIC} topic. */
final class EdgeEvents {

  static final String TOPIC = "ledger.edge";
  static final String PREFIX = "network.aioz.ledger.";

  private EdgeEvents() {}

  record EdgeRegistered(String address, String region, String faultDomain) {}

  record EdgeRedeclared(String address, String region, String faultDomain) {}

  record EdgeStatusChanged(String address, String from, String to, String reason) {}
}
