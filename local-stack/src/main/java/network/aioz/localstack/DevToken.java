package network.aioz.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import network.aioz.shared.identity.InternalTokenIssuer;
import network.aioz.shared.identity.PemKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints an internal identity token signed with the local stack's development key (from {@code
 * endpoints.json}), so scripts can call service-facing APIs before the identity service issues real
 * ones.
 */
public final class DevToken {

  private DevToken() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(".local-stack");
    List<String> scopes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--data-dir") && i + 1 < args.length) {
        dataDir = Path.of(args[++i]);
      } else {
        scopes.add(args[i]);
      }
    }
    if (scopes.isEmpty()) {
      scopes.add("ledger:write");
    }
    Path file = dataDir.resolve("endpoints.json");
    if (!Files.exists(file)) {
      System.err.println("no " + file + ": start the local stack first (./local-stack/start)");
      System.exit(1);
    }
    JsonNode credentials = JsonMapper.builder().build().readTree(file.toFile()).get("credentials");
    String token =
        new InternalTokenIssuer(
                PemKeys.privateKey(credentials.get("internalTokenPrivateKeyPem").asString()),
                credentials.get("internalTokenIssuer").asString(),
                Duration.ofMinutes(5),
                Clock.systemUTC())
            .issue("local-developer", "platform", new LinkedHashSet<>(scopes), "service");
    System.out.println(token);
  }
}
