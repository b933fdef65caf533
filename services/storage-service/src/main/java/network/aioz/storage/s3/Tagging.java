package network.aioz.storage.s3;

import java.util.LinkedHashMap;
import java.util.Map;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;

/**
 * Tag sets: parsed from {@code <Tagging>} bodies or the {@code x-amz-tagging} header, validated.
 */
final class Tagging {

  static final int MAX_OBJECT_TAGS = 10;
  static final int MAX_BUCKET_TAGS = 50;

  private Tagging() {}

  static Map<String, String> fromXml(Xml.Node root, int max) {
    if (!"Tagging".equals(root.name()) || root.child("TagSet") == null) {
      throw new S3Exception(S3ErrorCode.MalformedXML);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Xml.Node tag : root.child("TagSet").all("Tag")) {
      add(tags, tag.text("Key"), tag.text("Value") == null ? "" : tag.text("Value"));
    }
    return check(tags, max);
  }

  /** The header's URL-encoded query-string form: {@code k1=v1&k2=v2}. */
  static Map<String, String> fromHeader(String header) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (header == null || header.isEmpty()) {
      return tags;
    }
    S3Request.parseQuery(header).forEach((k, values) -> values.forEach(v -> add(tags, k, v)));
    return check(tags, MAX_OBJECT_TAGS);
  }

  private static void add(Map<String, String> tags, String key, String value) {
    if (key == null || key.isEmpty() || key.length() > 128 || value.length() > 256) {
      throw new S3Exception(
          S3ErrorCode.InvalidTag, "The TagKey or TagValue you have provided is invalid.");
    }
    if (tags.put(key, value) != null) {
      throw new S3Exception(
              S3ErrorCode.InvalidTag, "Cannot provide multiple Tags with the same key")
          .detail("TagKey", key);
    }
  }

  private static Map<String, String> check(Map<String, String> tags, int max) {
    if (tags.size() > max) {
      throw new S3Exception(S3ErrorCode.InvalidTag, "Object tags cannot be greater than " + max);
    }
    return tags;
  }

  static Xml.Writer toXml(Map<String, String> tags) {
    Xml.Writer doc = Xml.Writer.document("Tagging").start("TagSet");
    tags.forEach((k, v) -> doc.start("Tag").element("Key", k).element("Value", v).end());
    return doc.end();
  }
}
