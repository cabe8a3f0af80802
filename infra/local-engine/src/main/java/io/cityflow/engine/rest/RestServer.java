package io.cityflow.engine.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cityflow.engine.model.EngineException;
import io.cityflow.engine.runtime.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the REST adapter: routing, JSON bodies, and every failure as {@code
 * application/problem+json}. Long polls hold a thread each, so the pool grows on demand.
 */
public final class RestServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

  /** A parsed request: path parameters, raw body and headers. */
  record Request(HttpExchange exchange, List<String> params, byte[] body) {
    long key(int index) {
      String raw = params.get(index);
      try {
        return Long.parseLong(raw);
      } catch (NumberFormatException e) {
        throw EngineException.invalid("Expected a numeric key, but got '" + raw + "'");
      }
    }

    JsonNode json() {
      if (body.length == 0) {
        return Json.MAPPER.createObjectNode();
      }
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw EngineException.invalid("The request body is not valid JSON: " + e.getMessage());
      }
    }
  }

  /**
   * A status, an optional JSON body, and what to do when the answer cannot be delivered (the client
   * went away), or null.
   */
  record Response(int status, Object body, Runnable undelivered) {
    Response(int status, Object body) {
      this(status, body, null);
    }

    static Response ok(Object body) {
      return new Response(200, body);
    }

    static Response noContent() {
      return new Response(204, null);
    }
  }

  /** Handles one route. */
  @FunctionalInterface
  interface Handler {
    Response handle(Request request) throws Exception;
  }

  private record Route(String method, Pattern path, Handler handler) {}

  static {
    // Without TCP_NODELAY small responses wait for delayed ACKs (tens of milliseconds each). The
    // JDK server reads this property once, when its configuration class loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final List<Route> routes = new ArrayList<>();
  private final HttpServer server;
  private final ExecutorService threads;

  public RestServer(String host, int port) throws IOException {
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "engine-http-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
    server.setExecutor(threads);
    server.createContext("/", this::dispatch);
  }

  /** Registers a route; {@code {}} in the path matches one segment. */
  void route(String method, String path, Handler handler) {
    String regex = path.replace("{}", "([^/]+)");
    routes.add(new Route(method, Pattern.compile(regex), handler));
  }

  public void start() {
    server.start();
  }

  public URI address() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  private void dispatch(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    Response response = null;
    try (exchange) {
      try {
        response = route(exchange, path);
      } catch (Exception e) {
        response = problem(e, path);
      }
      send(exchange, response);
    } catch (IOException e) {
      LOG.debug("Could not answer {}: {}", path, e.getMessage());
      if (response != null && response.undelivered() != null) {
        response.undelivered().run();
      }
    }
  }

  private Response route(HttpExchange exchange, String path) throws Exception {
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher matcher = route.path().matcher(path);
      if (!matcher.matches()) {
        continue;
      }
      pathKnown = true;
      if (!route.method().equals(exchange.getRequestMethod())) {
        continue;
      }
      List<String> params = new ArrayList<>();
      for (int i = 1; i <= matcher.groupCount(); i++) {
        params.add(matcher.group(i));
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      return route.handler().handle(new Request(exchange, params, body));
    }
    if (pathKnown) {
      return problem(
          405,
          "METHOD_NOT_ALLOWED",
          exchange.getRequestMethod() + " is not allowed on " + path,
          path);
    }
    return problem(
        404, "NOT_FOUND", "No endpoint " + exchange.getRequestMethod() + " " + path, path);
  }

  private static Response problem(Exception failure, String path) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof EngineException e) {
      return switch (e.kind()) {
        case INVALID_ARGUMENT -> problem(400, "INVALID_ARGUMENT", e.getMessage(), path);
        case NOT_FOUND -> problem(404, "NOT_FOUND", e.getMessage(), path);
        case INVALID_STATE -> problem(409, "INVALID_STATE", e.getMessage(), path);
        case ALREADY_EXISTS -> problem(409, "ALREADY_EXISTS", e.getMessage(), path);
        case TIMEOUT -> problem(504, "DEADLINE_EXCEEDED", e.getMessage(), path);
        case UNAVAILABLE -> problem(503, "UNAVAILABLE", e.getMessage(), path);
      };
    }
    if (cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return problem(503, "UNAVAILABLE", "The engine is shutting down", path);
    }
    if (cause instanceof JsonProcessingException || cause instanceof IllegalArgumentException) {
      return problem(400, "INVALID_ARGUMENT", cause.getMessage(), path);
    }
    LOG.error("Request {} failed", path, cause);
    return problem(500, "INTERNAL_ERROR", String.valueOf(cause.getMessage()), path);
  }

  private static Response problem(int status, String title, String detail, String path) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", path);
    return new Response(status, body);
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    if (response.body() == null) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    byte[] bytes =
        response.body() instanceof String text
            ? text.getBytes(StandardCharsets.UTF_8)
            : Json.MAPPER.writeValueAsBytes(response.body());
    String type =
        response.status() >= 400
            ? "application/problem+json"
            : response.body() instanceof String ? "text/xml" : "application/json";
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
