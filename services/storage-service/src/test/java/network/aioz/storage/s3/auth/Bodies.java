package network.aioz.storage.s3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import network.aioz.storage.support.S3Exception;

/** Reads verified bodies the way the HTTP layer does. */
final class Bodies {

  private Bodies() {}

  static byte[] readAll(VerifiedBody body) {
    return readAll(body, 8192);
  }

  static byte[] readAll(VerifiedBody body, int bufferSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[bufferSize];
    try {
      int n;
      while ((n = body.read(buffer, 0, buffer.length)) != -1) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(body.complete()).isTrue();
    return out.toByteArray();
  }

  /** Reads to the end expecting a failure; the body must never look complete, now or later. */
  static S3Exception failure(VerifiedBody body) {
    S3Exception e = catchThrowableOfType(S3Exception.class, () -> readAll(body, 4096));
    assertThat(e).as("reading the body must fail").isNotNull();
    assertThat(body.complete()).isFalse();
    S3Exception again = catchThrowableOfType(S3Exception.class, () -> body.read(new byte[16]));
    assertThat(again).as("a failed body keeps failing").isSameAs(e);
    return e;
  }
}
