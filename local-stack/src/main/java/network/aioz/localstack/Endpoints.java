package network.aioz.localstack;

import java.util.List;
import java.util.Map;

/**
 * Where everything of a running local stack is, and the development credentials; written to {@code
 * <data-dir>/endpoints.json} in the same shape.
 */
public record Endpoints(
    String gateway,
    Map<String, String> services,
    Kafka kafka,
    Postgres postgres,
    List<Edge> edges,
    Credentials credentials,
    double readySeconds,
    long rssMiB,
    int processes) {

  public record Kafka(String bootstrapServers) {}

  public record Postgres(
      String host, int port, String username, String password, Map<String, String> databases) {}

  public record Edge(String name, String address, String region, String faultDomain, String url) {}

  /**
   * The key pair the gateway signs internal identity tokens with; services trust the public key.
   */
  public record Credentials(
      String internalTokenIssuer,
      String internalTokenPrivateKeyPem,
      String internalTokenPublicKeyPem,
      String internalTokenPrivateKeyFile) {}
}
