package network.aioz.storage.object;

/**
 * Conditional-write headers of a PUT or CompleteMultipartUpload: {@code If-Match} (the current
 * version's ETag must match) and {@code If-None-Match: *} (the key must not exist).
 */
public record WritePreconditions(String ifMatch, String ifNoneMatch) {

  public static final WritePreconditions NONE = new WritePreconditions(null, null);

  public boolean mustNotExist() {
    return ifNoneMatch != null && ifNoneMatch.trim().equals("*");
  }
}
