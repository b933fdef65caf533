package network.aioz.localstack;

import java.util.List;
import java.util.Map;

/**
 * Where everything of a running local stack is, and the development credentials; written to {@code
 * <data-dir>/endpoints.json} in the same shape.
 *
 * @param rssMiB the processes' resident memory summed (a shared page counted once per process)
 * @param pssMiB their proportional set sizes summed: what they take from the machine together
 */
public record Endpoints(
    String gateway,
    Map<String, String> services,
    Kafka kafka,
    Postgres postgres,
    List<Edge> edges,
    Credentials credentials,
    Chain chain,
    double readySeconds,
    long rssMiB,
    long pssMiB,
    int processes) {

  public record Kafka(String bootstrapServers) {}

  /**
   * The local EVM chain (anvil) and the settlement contracts on it.
   *
   * @param committer the account that commits epochs (anvil's first development account, also the
   *     deployer and registry admin; its key is anvil's well-known test key)
   * @param startBlock the block of the first deployment: logs are read from there
   */
  public record Chain(
      String rpcUrl,
      long chainId,
      String registry,
      String deposits,
      String rewards,
      long startBlock,
      String committer) {}

  public record Postgres(
      String host, int port, String username, String password, Map<String, String> databases) {}

  public record Edge(String name, String address, String region, String faultDomain, String url) {}

  /**
   * The key pair the gateway signs internal identity tokens with (services trust the public key),
   * and how to reach object storage.
   *
   * @param onrampWebhookSecret the secret billing-service verifies on-ramp provider webhooks with
   *     (Standard Webhooks, {@code whsec_…}): the local stand-in for the provider's
   */
  public record Credentials(
      String internalTokenIssuer,
      String internalTokenPrivateKeyPem,
      String internalTokenPublicKeyPem,
      String internalTokenPrivateKeyFile,
      S3 s3,
      List<Tenant> tenants,
      String onrampWebhookSecret) {}

  /**
   * A development tenant as identity-service knows it: the wallet that signed it in (EIP-4361) and
   * the API key it created (scopes: storage, identity, webhooks and billing read/write, ledger and
   * proof read).
   *
   * @param name {@code dev} or {@code dev2} (isolation tests)
   * @param walletPrivateKey hex secp256k1 key of the wallet, for signing in again
   */
  public record Tenant(
      String name, String tenantId, String walletAddress, String walletPrivateKey, String apiKey) {}

  /**
   * The S3 API through the gateway, and one development access key pair per tenant.
   *
   * @param endpoint path-style endpoint (the gateway)
   * @param region the region SigV4 credential scopes must name
   * @param virtualHostEndpoint base of virtual-host-style addresses ({@code <bucket>.<host>})
   * @param keys access keys from identity-service: tenant {@code dev} first, {@code dev2}
   *     (isolation tests) second
   */
  public record S3(String endpoint, String region, String virtualHostEndpoint, List<S3Key> keys) {}

  /**
   * @param tenant the development tenant's name ({@code dev}, {@code dev2})
   */
  public record S3Key(String tenant, String tenantId, String accessKeyId, String secretAccessKey) {}
}
