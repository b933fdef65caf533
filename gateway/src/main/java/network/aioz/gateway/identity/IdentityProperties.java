package network.aioz.gateway.identity;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway establishes identity.
 *
 * @param privateKey the P-256 private key (PKCS#8 PEM) that signs internal identity tokens; every
 *     service holds the public half
 * @param issuer the {@code iss} of internal tokens
 * @param tokenLifetime how long a forwarded internal token is valid (at most 300 s)
 * @param serviceUri identity-service, which resolves API keys and session JWTs
 * @param cacheTtl how long a resolved credential is reused without asking identity-service again:
 *     the bound on how late a revocation takes effect at this gateway
 * @param failureCacheTtl how long a refused credential is refused without asking again
 * @param timeout how long to wait for identity-service
 * @param cacheSize the most credentials kept resolved at once
 */
@ConfigurationProperties("gateway.identity")
public record IdentityProperties(
    String privateKey,
    @DefaultValue("aioz-gateway") String issuer,
    @DefaultValue("60s") Duration tokenLifetime,
    @DefaultValue("http://localhost:8084") URI serviceUri,
    @DefaultValue("5s") Duration cacheTtl,
    @DefaultValue("1s") Duration failureCacheTtl,
    @DefaultValue("2s") Duration timeout,
    @DefaultValue("100000") int cacheSize) {}
