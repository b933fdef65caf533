package network.aioz.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} will not send: any Host
 * header, and a request target exactly as written (no normalisation, no re-encoding).
 */
final class RawHttp {

  record Response(int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  /** Sends the head (request line and headers, without the final blank line) and a body. */
  static Response send(int port, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String fullHead =
          head
              + "\r\nConnection: close"
              + (body.length > 0 ? "\r\nContent-Length: " + body.length : "")
              + "\r\n\r\n";
      out.write(fullHead.getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    }
  }

  static Response send(int port, String head) throws IOException {
    return send(port, head, new byte[0]);
  }

  private static Response parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
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
    byte[] rest = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      rest = dechunk(rest);
    }
    return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = new java.io.ByteArrayInputStream(chunked);
    while (true) {
      StringBuilder size = new StringBuilder();
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) {
          return out.toByteArray();
        }
        if (c != '\r') {
          size.append((char) c);
        }
      }
      int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
      if (length == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(length));
      in.skipNBytes(2);
    }
  }
}
