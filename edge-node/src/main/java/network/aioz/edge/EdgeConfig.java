package network.aioz.edge;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's settings, from command-line flags or {@code EDGE_*} environment variables; a flag
 * wins over its variable.
 *
 * @param publicUrl the URL others reach this node at; null means {@code http://127.0.0.1:<port>}
 */
public record EdgeConfig(
    URI ledgerUrl,
    Path dataDir,
    String region,
    String faultDomain,
    int port,
    String bind,
    String publicUrl,
    long quotaBytes,
    long bandwidthBps,
    List<String> codecs,
    List<String> runtimes,
    List<String> models,
    int cpuCores,
    int gpus,
    int maxTasks,
    Duration heartbeatInterval,
    Duration pollInterval,
    Duration storeTimeout) {

  private record Option(String flag, String defaultValue, String description) {
    String env() {
      return "EDGE_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
    }
  }

  private static final List<Option> OPTIONS =
      List.of(
          new Option("ledger-url", null, "ledger API (gateway) URL, required"),
          new Option("data-dir", "~/.aioz-edge", "node key, heartbeat sequence and pieces"),
          new Option("region", null, "region this node is in, required (e.g. eu-west)"),
          new Option("fault-domain", "<region>", "failure domain within the region"),
          new Option("port", "9000", "HTTP port of the piece API"),
          new Option("bind", "0.0.0.0", "address the HTTP server listens on"),
          new Option("public-url", "http://127.0.0.1:<port>", "URL clients reach this node at"),
          new Option("quota", "10GiB", "disk space for pieces (B, KiB, MiB, GiB, TiB, KB, MB, GB)"),
          new Option("bandwidth-bps", "100000000", "advertised bandwidth in bits per second"),
          new Option("codecs", "", "comma list of transcode codecs offered"),
          new Option("runtimes", "", "comma list of inference runtimes offered"),
          new Option("models", "", "comma list of inference models offered"),
          new Option("cpu-cores", "<available processors>", "advertised CPU cores"),
          new Option("gpus", "0", "advertised GPUs"),
          new Option("max-tasks", "8", "most tasks worked at once"),
          new Option("heartbeat-interval", "PT5S", "heartbeat interval until the ledger sets one"),
          new Option("poll-interval", "PT1S", "how often the task list is polled"),
          new Option(
              "store-timeout", "PT10M", "how long a started STORE task waits for its piece"));

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(B|KIB|MIB|GIB|TIB|KB|MB|GB|TB)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  public static String usage() {
    StringBuilder text =
        new StringBuilder(
            "Usage: edge-node --ledger-url URL --region REGION [options]\n\n"
                + "Every option may also come from its environment variable; a flag wins.\n\n");
    for (Option option : OPTIONS) {
      text.append(
          String.format(
              "  --%-20s %-25s %s%s%n",
              option.flag() + " V",
              option.env(),
              option.description(),
              option.defaultValue() == null || option.defaultValue().isEmpty()
                  ? ""
                  : " (default " + option.defaultValue() + ")"));
    }
    text.append("  --help                                         print this help\n");
    text.append("\nDurations are ISO-8601 (PT5S) or short (500ms, 5s, 10m).\n");
    return text.toString();
  }

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException naming the first setting that is missing or malformed
   */
  public static EdgeConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> flags = flags(args);
    Function<String, String> value =
        flag -> {
          Option option =
              OPTIONS.stream().filter(o -> o.flag().equals(flag)).findFirst().orElseThrow();
          String given = flags.containsKey(flag) ? flags.get(flag) : env.get(option.env());
          return given == null || given.isBlank() ? null : given.strip();
        };
    String ledgerUrl = required(value, "ledger-url");
    String region = required(value, "region");
    int port = integer(value, "port", 9000);
    return new EdgeConfig(
        uri(ledgerUrl),
        dataDir(value.apply("data-dir")),
        region,
        orDefault(value.apply("fault-domain"), region),
        port,
        orDefault(value.apply("bind"), "0.0.0.0"),
        value.apply("public-url"),
        size(orDefault(value.apply("quota"), "10GiB")),
        longValue(value, "bandwidth-bps", 100_000_000L),
        list(value.apply("codecs")),
        list(value.apply("runtimes")),
        list(value.apply("models")),
        integer(value, "cpu-cores", Runtime.getRuntime().availableProcessors()),
        integer(value, "gpus", 0),
        integer(value, "max-tasks", 8),
        duration(value, "heartbeat-interval", "PT5S"),
        duration(value, "poll-interval", "PT1S"),
        duration(value, "store-timeout", "PT10M"));
  }

  public static boolean wantsHelp(String[] args) {
    return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String given;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        given = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        given = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      String flag = name;
      if (OPTIONS.stream().noneMatch(o -> o.flag().equals(flag))) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      flags.put(name, given);
    }
    return flags;
  }

  private static String required(Function<String, String> value, String flag) {
    String given = value.apply(flag);
    if (given == null) {
      throw new IllegalArgumentException(
          "--"
              + flag
              + " (or EDGE_"
              + flag.toUpperCase(Locale.ROOT).replace('-', '_')
              + ") is required");
    }
    return given;
  }

  private static String orDefault(String given, String fallback) {
    return given == null ? fallback : given;
  }

  private static URI uri(String url) {
    try {
      URI uri = URI.create(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("--ledger-url must be an http(s) URL: " + url);
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--ledger-url is not a URL: " + url, e);
    }
  }

  private static Path dataDir(String given) {
    String dir = given == null ? "~/.aioz-edge" : given;
    if (dir.equals("~") || dir.startsWith("~/")) {
      dir = System.getProperty("user.home") + dir.substring(1);
    }
    return Path.of(dir).toAbsolutePath();
  }

  static long size(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: " + text + " (e.g. 10GiB, 500MiB)");
    }
    long number = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    long factor =
        switch (unit) {
          case "KIB" -> 1L << 10;
          case "MIB" -> 1L << 20;
          case "GIB" -> 1L << 30;
          case "TIB" -> 1L << 40;
          case "KB" -> 1_000L;
          case "MB" -> 1_000_000L;
          case "GB" -> 1_000_000_000L;
          case "TB" -> 1_000_000_000_000L;
          default -> 1L;
        };
    return Math.multiplyExact(number, factor);
  }

  private static List<String> list(String given) {
    if (given == null) {
      return List.of();
    }
    return Arrays.stream(given.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static int integer(Function<String, String> value, String flag, int fallback) {
    return Math.toIntExact(longValue(value, flag, fallback));
  }

  private static long longValue(Function<String, String> value, String flag, long fallback) {
    String given = value.apply(flag);
    if (given == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(given);
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + flag + " must be a non-negative number: " + given);
    }
  }

  private static Duration duration(Function<String, String> value, String flag, String fallback) {
    String given = orDefault(value.apply(flag), fallback);
    Matcher m = SHORT_DURATION.matcher(given);
    Duration parsed;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      parsed =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
    } else {
      try {
        parsed = Duration.parse(given);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("--" + flag + " is not a duration: " + given);
      }
    }
    if (parsed.isNegative() || parsed.isZero()) {
      throw new IllegalArgumentException("--" + flag + " must be positive: " + given);
    }
    return parsed;
  }
}
