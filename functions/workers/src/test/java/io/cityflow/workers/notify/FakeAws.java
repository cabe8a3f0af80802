package io.cityflow.workers.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An in-process HTTP endpoint that stands in for an AWS service in unit tests: it records each
 * request body and answers with what the test's responder returns. No real AWS is contacted.
 */
final class FakeAws implements AutoCloseable {
  /** A canned answer. */
  record Answer(int status, String contentType, String body, String errorType) {}

  record Request(String method, String path, String body) {}

  final List<Request> requests = new ArrayList<>();
  private final HttpServer server;

  FakeAws(Function<Request, Answer> responder) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Request request =
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          synchronized (requests) {
            requests.add(request);
          }
          answer(exchange, responder.apply(request));
        });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void answer(HttpExchange exchange, Answer answer) throws IOException {
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    exchange.getResponseHeaders().add("x-amzn-RequestId", "req-1");
    if (answer.errorType() != null) {
      exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
    }
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Credentials the SDK signs with; the fake does not check signatures. */
  static void useTestCredentials() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
