package network.aioz.storage.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Hand-made S3 requests over a plain socket, signed with the AWS SDK's own SigV4 signer, for the
 * inputs real clients never send: bodies cut short, oversized header sections, broken XML.
 */
final class RawS3 {

  private RawS3() {}

  /** A request on the wire: request line parts, headers in order, and the body bytes. */
  record Wire(String method, String target, Map<String, String> headers, byte[] body) {}

  record Response(int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Asserts the body is an S3 error document with this code, a message and a request id. */
    void assertS3Error(int expectedStatus, String code) {
      assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
      assertThat(header("Content-Type")).startsWith("application/xml");
      assertThat(body)
          .contains("<Error>")
          .contains("<Code>" + code + "</Code>")
          .containsPattern("<Message>[^<]+</Message>")
          .containsPattern("<RequestId>[0-9A-F]+</RequestId>")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
  }

  /**
   * Signs a request with SigV4 (payload signed, as the SDK does over http); {@code chunked} makes
   * it an aws-chunked body with signed chunks.
   */
  static Wire sign(
      int port,
      SdkHttpMethod method,
      String encodedPath,
      String rawQuery,
      Map<String, String> headers,
      byte[] body,
      String accessKey,
      String secretKey,
      boolean chunked) {
    SdkHttpRequest.Builder http =
        SdkHttpRequest.builder()
            .method(method)
            .protocol("http")
            .host("127.0.0.1")
            .port(port)
            .encodedPath(encodedPath);
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        http.appendRawQueryParameter(
            eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
      }
    }
    headers.forEach(http::putHeader);
    http.putHeader("Content-Length", Integer.toString(body.length));
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(accessKey, secretKey))
                        .request(http.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, chunked));
    SdkHttpRequest out = signed.request();
    Map<String, String> wireHeaders = new LinkedHashMap<>();
    wireHeaders.put("Host", "127.0.0.1:" + port);
    out.headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Host")) {
                wireHeaders.put(name, String.join(",", values));
              }
            });
    byte[] wire;
    try (InputStream in = signed.payload().orElseThrow().newStream()) {
      wire = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String target =
        out.getUri().getRawPath()
            + (out.getUri().getRawQuery() == null ? "" : "?" + out.getUri().getRawQuery());
    return new Wire(method.name(), target, wireHeaders, wire);
  }

  static Response send(int port, Wire wire) {
    return send(port, wire, wire.body().length);
  }

  /**
   * Sends the request and reads the answer; only the first {@code bodyBytes} of the body are
   * written, then the sending side is closed (a client that went away mid-upload).
   */
  static Response send(int port, Wire wire, int bodyBytes) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(wire.method()).append(' ').append(wire.target()).append(" HTTP/1.1\r\n");
      wire.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Connection: close\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(wire.body(), 0, bodyBytes);
      out.flush();
      if (bodyBytes < wire.body().length) {
        socket.shutdownOutput();
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response read(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      rest = dechunk(rest);
    }
    return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int eol = indexOfCrlf(chunked, at);
      String sizeLine = new String(chunked, at, eol - at, StandardCharsets.ISO_8859_1);
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, eol + 2, size);
      at = eol + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOfCrlf(byte[] b, int from) {
    for (int i = from; i < b.length - 1; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return b.length;
  }
}
