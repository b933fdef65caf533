package network.aioz.benchmarks.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The JDK's asynchronous HTTP/1.1 client; it keeps connections alive and opens more on demand. */
final class JdkClient implements LoadClient {

  private final Target target;
  private final HttpClient http;

  JdkClient(Target target) {
    this.target = target;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @Override
  public void send(Answer answer) {
    HttpRequest request =
        HttpRequest.newBuilder(target.uri())
            .header(target.headerName(), target.headerValue().get())
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) ->
                answer.answered(error == null ? response.statusCode() : Answer.NO_ANSWER));
  }

  @Override
  public void close() {
    http.close();
  }
}
