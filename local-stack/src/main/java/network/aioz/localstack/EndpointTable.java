package network.aioz.localstack;

import java.nio.file.Path;
import java.util.Map;

/** The human-readable list of endpoints printed once the stack is ready. */
final class EndpointTable {

  private EndpointTable() {}

  static String render(Endpoints endpoints, Path dataDir) {
    StringBuilder table = new StringBuilder("\n");
    row(table, "gateway (public)", endpoints.gateway());
    for (Map.Entry<String, String> service : endpoints.services().entrySet()) {
      if (!service.getValue().equals(endpoints.gateway())) {
        row(table, service.getKey(), service.getValue());
      }
    }
    Endpoints.S3 s3 = endpoints.credentials().s3();
    row(table, "s3 (path style)", s3.endpoint() + "  region " + s3.region());
    row(table, "s3 (virtual host)", s3.virtualHostEndpoint());
    for (Endpoints.S3Key key : s3.keys()) {
      row(
          table,
          "s3 key/" + key.tenant(),
          "AWS_ACCESS_KEY_ID="
              + key.accessKeyId()
              + " AWS_SECRET_ACCESS_KEY="
              + key.secretAccessKey());
    }
    for (Endpoints.Tenant tenant : endpoints.credentials().tenants()) {
      row(table, "api key/" + tenant.name(), "X-API-Key: " + tenant.apiKey());
    }
    row(table, "api reference", endpoints.gateway() + "/docs");
    row(table, "kafka", endpoints.kafka().bootstrapServers());
    Endpoints.Postgres postgres = endpoints.postgres();
    for (Map.Entry<String, String> database : postgres.databases().entrySet()) {
      row(
          table,
          "postgres/" + database.getKey(),
          database.getValue() + "  (" + postgres.username() + "/" + postgres.password() + ")");
    }
    for (Endpoints.Edge edge : endpoints.edges()) {
      row(table, edge.name(), edge.url() + "  " + edge.faultDomain() + "  " + edge.address());
    }
    row(table, "endpoints", dataDir.resolve("endpoints.json").toString());
    row(table, "logs", dataDir.resolve("logs").toString());
    return table.toString();
  }

  private static void row(StringBuilder table, String name, String value) {
    table.append("  %-20s %s%n".formatted(name, value));
  }
}
