package network.aioz.benchmarks.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** A load driver's {@code --name value} options. */
public final class Options {

  private Options() {}

  /**
   * The options in {@code args} by name; {@code exec:exec} passes a whole {@code -D<driver>.args}
   * string as one argument, so it is split on whitespace first.
   *
   * @throws IllegalArgumentException with {@code usage} on anything else
   */
  public static Map<String, String> parse(String[] args, String usage) {
    Map<String, String> options = new LinkedHashMap<>();
    args = String.join(" ", args).strip().split("\\s+");
    if (args.length == 1 && args[0].isEmpty()) {
      return options;
    }
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: " + usage);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
