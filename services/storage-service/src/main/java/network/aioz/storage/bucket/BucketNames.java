package network.aioz.storage.bucket;

import java.util.regex.Pattern;

/** S3's general-purpose bucket naming rules. */
public final class BucketNames {

  private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private BucketNames() {}

  /** Null when valid, else why not. */
  public static String problem(String name) {
    if (name == null || !SHAPE.matcher(name).matches()) {
      return "Bucket names are 3 to 63 lowercase letters, digits, dots and hyphens, starting and"
          + " ending with a letter or digit.";
    }
    if (name.contains("..") || name.contains(".-") || name.contains("-.")) {
      return "Bucket names must not contain two adjacent periods or a period next to a hyphen.";
    }
    if (IP.matcher(name).matches()) {
      return "Bucket names must not be formatted as an IP address.";
    }
    if (name.startsWith("xn--")
        || name.startsWith("sthree-")
        || name.endsWith("-s3alias")
        || name.endsWith("--ol-s3")) {
      return "Bucket names must not use a reserved prefix or suffix.";
    }
    return null;
  }
}
