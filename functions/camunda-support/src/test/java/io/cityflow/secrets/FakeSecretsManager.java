package io.cityflow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager's {@code GetSecretValue} call (AWS JSON 1.1 over HTTP) on a local port, for
 * tests: a real HTTP server the real SDK client talks to, with secrets the test puts in and a count
 * of the reads.
 */
public final class FakeSecretsManager implements AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, String> rotations = new ConcurrentHashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final HttpServer server;

  private FakeSecretsManager(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.start();
  }

  /** A stand-in listening on a free local port. */
  public static FakeSecretsManager start() {
    try {
      return new FakeSecretsManager(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores (or replaces, as a rotation does) the text of a secret. */
  public void put(String arn, String secretString) {
    secrets.put(arn, secretString);
  }

  /** Replaces the secret's text right after the next read of it, as a rotation in between would. */
  public void rotateAfterNextRead(String arn, String secretString) {
    rotations.put(arn, secretString);
  }

  /** How many GetSecretValue calls arrived. */
  public int reads() {
    return reads.get();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A real SDK client pointed at this server, with made-up credentials. */
  public SecretsManagerClient client() {
    return SecretsManagerClient.builder()
        .endpointOverride(endpoint())
        .region(Region.AP_SOUTHEAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    JsonNode request = json.readTree(exchange.getRequestBody());
    if (!"secretsmanager.GetSecretValue".equals(target)) {
      respond(exchange, 400, Map.of("__type", "UnknownOperationException", "message", target));
      return;
    }
    reads.incrementAndGet();
    String arn = request.path("SecretId").asText();
    String value = secrets.get(arn);
    String rotated = rotations.remove(arn);
    if (rotated != null) {
      secrets.put(arn, rotated);
    }
    if (value == null) {
      respond(
          exchange,
          400,
          Map.of("__type", "ResourceNotFoundException", "message", "no secret " + arn));
      return;
    }
    respond(
        exchange,
        200,
        Map.of("ARN", arn, "Name", "test", "SecretString", value, "VersionId", "v" + reads.get()));
  }

  private void respond(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
