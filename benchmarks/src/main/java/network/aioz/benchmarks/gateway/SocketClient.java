package network.aioz.benchmarks.gateway;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A fixed pool of keep-alive HTTP/1.1 connections, one blocking thread each, taking requests from
 * one queue: the least client work per request (no selector hand-offs, no per-request objects
 * beyond the request line). When every connection is busy, requests wait in the queue and that wait
 * counts in their latency, as it should in an open-loop run.
 */
final class SocketClient implements LoadClient {

  private static final int TIMEOUT_MILLIS = 10_000;

  private final Target target;
  private final LinkedBlockingQueue<Answer> queue = new LinkedBlockingQueue<>();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean closed;

  SocketClient(Target target, int connections) {
    if (!"http".equals(target.uri().getScheme())) {
      throw new IllegalArgumentException("the socket client speaks plain http: " + target.uri());
    }
    this.target = target;
    for (int i = 0; i < connections; i++) {
      workers.add(Thread.ofPlatform().daemon().name("socket-client-" + i).start(this::work));
    }
  }

  @Override
  public void send(Answer answer) {
    queue.add(answer);
  }

  @Override
  public void close() {
    closed = true;
    workers.forEach(Thread::interrupt);
  }

  private void work() {
    Connection connection = null;
    while (!closed) {
      Answer answer;
      try {
        answer = queue.take();
      } catch (InterruptedException e) {
        break;
      }
      int status = Answer.NO_ANSWER;
      try {
        if (connection == null) {
          connection = new Connection(target);
        }
        status = connection.get(requestBytes());
      } catch (IOException | RuntimeException e) {
        // a broken connection fails this request only; the next one reconnects
        closeQuietly(connection);
        connection = null;
      }
      if (connection != null && !connection.reusable) {
        closeQuietly(connection);
        connection = null;
      }
      answer.answered(status);
    }
    closeQuietly(connection);
  }

  private byte[] requestBytes() {
    String pathAndQuery =
        target.uri().getRawPath()
            + (target.uri().getRawQuery() == null ? "" : "?" + target.uri().getRawQuery());
    return ("GET "
            + pathAndQuery
            + " HTTP/1.1\r\nHost: "
            + target.uri().getAuthority()
            + "\r\n"
            + target.headerName()
            + ": "
            + target.headerValue().get()
            + "\r\nAccept: application/json\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.socket.close();
      } catch (IOException e) {
        // closing a broken socket: nothing left to do
      }
    }
  }

  /** One keep-alive connection: writes a request, reads the status and skips the body. */
  static final class Connection {
    final Socket socket;
    final OutputStream out;
    final InputStream in;
    boolean reusable = true;

    Connection(Target target) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      int port = target.uri().getPort() < 0 ? 80 : target.uri().getPort();
      socket.connect(new InetSocketAddress(target.uri().getHost(), port), TIMEOUT_MILLIS);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    int get(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String statusLine = line();
      if (!statusLine.startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP response: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> reusable &= !value.equalsIgnoreCase("close");
          default -> {}
        }
      }
      if (chunked) {
        for (long size = Long.parseLong(chunkSize(line()), 16);
            size > 0;
            size = Long.parseLong(chunkSize(line()), 16)) {
          skip(size);
          line();
        }
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
          // trailers are not needed
        }
      } else if (length >= 0) {
        skip(length);
      } else {
        // no framing: the body runs to the end of the connection
        in.transferTo(OutputStream.nullOutputStream());
        reusable = false;
      }
      return status;
    }

    private static String chunkSize(String line) {
      int extension = line.indexOf(';');
      return (extension < 0 ? line : line.substring(0, extension)).trim();
    }

    private void skip(long n) throws IOException {
      in.skipNBytes(n);
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed mid-response");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }
  }
}
