package network.aioz.storage.object;

import java.util.ArrayList;
import java.util.List;

/**
 * S3 listing semantics over pages fetched from the database: keys in byte order after a cursor,
 * keys containing the delimiter after the prefix rolled up into common prefixes (each counting as
 * one entry towards max-keys), and a cursor that resumes after a rolled-up prefix without listing
 * it twice.
 */
public final class Listing {

  /**
   * Greater than any key under a common prefix (U+10FFFF, the largest code point, in UTF-8 sorts
   * after every other; keys that contain it after a delimiter would be skipped — S3 keys of that
   * kind are not seen in practice).
   */
  private static final String AFTER_ALL = "\uDBFF\uDFFF\uDBFF\uDFFF\uDBFF\uDFFF";

  private Listing() {}

  @FunctionalInterface
  interface KeyPages {
    List<ObjectVersion> after(String key, int limit);
  }

  @FunctionalInterface
  interface VersionPages {
    List<ObjectRepository.VersionRow> after(String key, Long seq, int limit);
  }

  /**
   * A page of objects.
   *
   * @param next where the next page starts (the last key or common prefix returned), when truncated
   */
  public record Page(
      List<ObjectVersion> contents, List<String> commonPrefixes, boolean truncated, String next) {}

  public record VersionPage(
      List<ObjectVersion> versions,
      List<String> commonPrefixes,
      boolean truncated,
      String nextKeyMarker,
      String nextVersionIdMarker) {}

  static Page objects(KeyPages pages, String prefix, String delimiter, String after, int maxKeys) {
    String p = prefix == null ? "" : prefix;
    String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    String cursor = resumeAfter(after == null ? "" : after, p, d);
    List<ObjectVersion> contents = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    if (maxKeys <= 0) {
      return new Page(contents, prefixes, false, null);
    }
    while (true) {
      int want = maxKeys - contents.size() - prefixes.size() + 1;
      List<ObjectVersion> batch = pages.after(cursor, Math.min(Math.max(want, 2), 1001));
      if (batch.isEmpty()) {
        return new Page(contents, prefixes, false, null);
      }
      boolean refetch = false;
      for (ObjectVersion v : batch) {
        if (contents.size() + prefixes.size() == maxKeys) {
          return new Page(contents, prefixes, true, last);
        }
        String common = commonPrefix(v.key(), p, d);
        if (common != null) {
          prefixes.add(common);
          last = common;
          cursor = common + AFTER_ALL;
          refetch = true;
          break;
        }
        contents.add(v);
        last = v.key();
        cursor = v.key();
      }
      if (!refetch && batch.size() < Math.min(Math.max(want, 2), 1001)) {
        return new Page(contents, prefixes, false, null);
      }
    }
  }

  static VersionPage versions(
      VersionPages pages,
      String prefix,
      String delimiter,
      String keyMarker,
      Long afterSeq,
      int maxKeys) {
    String p = prefix == null ? "" : prefix;
    String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    String cursorKey = afterSeq == null ? resumeAfter(keyMarker, p, d) : keyMarker;
    Long cursorSeq = afterSeq;
    List<ObjectVersion> versions = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String lastKey = null;
    String lastVersion = null;
    if (maxKeys <= 0) {
      return new VersionPage(versions, prefixes, false, null, null);
    }
    while (true) {
      int limit = Math.min(Math.max(maxKeys - versions.size() - prefixes.size() + 1, 2), 1001);
      List<ObjectRepository.VersionRow> batch = pages.after(cursorKey, cursorSeq, limit);
      if (batch.isEmpty()) {
        return new VersionPage(versions, prefixes, false, null, null);
      }
      boolean refetch = false;
      for (ObjectRepository.VersionRow row : batch) {
        if (versions.size() + prefixes.size() == maxKeys) {
          return new VersionPage(versions, prefixes, true, lastKey, lastVersion);
        }
        ObjectVersion v = row.version();
        String common = commonPrefix(v.key(), p, d);
        if (common != null) {
          prefixes.add(common);
          lastKey = common;
          lastVersion = null;
          cursorKey = common + AFTER_ALL;
          cursorSeq = null;
          refetch = true;
          break;
        }
        versions.add(v);
        lastKey = v.key();
        lastVersion = v.versionId();
        cursorKey = v.key();
        cursorSeq = row.seq();
      }
      if (!refetch && batch.size() < limit) {
        return new VersionPage(versions, prefixes, false, null, null);
      }
    }
  }

  /** The common prefix a key rolls up into, or null when it is listed itself. */
  public static String commonPrefixOf(String key, String prefix, String delimiter) {
    return commonPrefix(
        key,
        prefix == null ? "" : prefix,
        delimiter == null || delimiter.isEmpty() ? null : delimiter);
  }

  static String commonPrefix(String key, String prefix, String delimiter) {
    if (delimiter == null || !key.startsWith(prefix)) {
      return null;
    }
    int at = key.indexOf(delimiter, prefix.length());
    return at < 0 ? null : key.substring(0, at + delimiter.length());
  }

  /**
   * The cursor to resume after {@code marker}: past every key under it when the marker is itself a
   * common prefix (so a page never repeats the previous page's last prefix).
   */
  static String resumeAfter(String marker, String prefix, String delimiter) {
    if (delimiter != null && marker.equals(commonPrefix(marker, prefix, delimiter))) {
      return marker + AFTER_ALL;
    }
    return marker;
  }
}
