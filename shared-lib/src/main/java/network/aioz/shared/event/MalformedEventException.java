package network.aioz.shared.event;

/**
 * A record a consumer cannot make sense of: not a CloudEvent, data that is not the JSON it expects,
 * or values out of their range. Retrying cannot help, so the platform's listener factory parks the
 * record on {@code <topic>.DLT} at once instead of retrying it first.
 */
public class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message) {
    super(message);
  }
}
