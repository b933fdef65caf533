package network.aioz.storage.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request that S3 refuses: becomes an XML {@code <Error>} with the code's status. Extra fields
 * (such as {@code StringToSign}, {@code MaxAllowedSize} or {@code RequestTime}) go into the body as
 * S3 writes them, in insertion order.
 */
public class S3Exception extends RuntimeException {

  private final S3ErrorCode code;
  private final Map<String, String> details = new LinkedHashMap<>();

  public S3Exception(S3ErrorCode code) {
    this(code, code.defaultMessage());
  }

  public S3Exception(S3ErrorCode code, String message) {
    super(Objects.requireNonNullElse(message, code.defaultMessage()), null, false, false);
    this.code = code;
  }

  public S3Exception(S3ErrorCode code, String message, Throwable cause) {
    super(Objects.requireNonNullElse(message, code.defaultMessage()), cause, false, false);
    this.code = code;
  }

  public S3ErrorCode code() {
    return code;
  }

  /** Adds an element to the error body, e.g. {@code detail("StringToSign", sts)}. */
  public S3Exception detail(String element, String value) {
    details.put(element, value);
    return this;
  }

  public Map<String, String> details() {
    return Map.copyOf(details);
  }

  /** The details in the order they were added. */
  public Iterable<Map.Entry<String, String>> orderedDetails() {
    return details.entrySet();
  }
}
