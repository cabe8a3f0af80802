package io.cityflow.local.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.localstack.LocalStack;
import io.cityflow.localstack.TestStacks;
import io.cityflow.testsupport.PostgresDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The whole local stack in-process (case API on a real PostgreSQL database, the local engine, the
 * outbox dispatcher, the job workers, device ingest), driven the way its users drive it: over HTTP.
 * The process owner deploys the repository's forms, decisions and processes through {@code POST
 * /api/models}; citizens, clerks and devices then use their own endpoints. Nothing here reaches
 * into the stack's beans or databases.
 */
final class CityFlowStack implements AutoCloseable {
  /** How long a step of a process may take to show on a machine shared with builds. */
  static final Duration PATIENCE = Duration.ofSeconds(90);

  private final LocalStack stack;
  private final JsonMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private CityFlowStack(LocalStack stack) {
    this.stack = stack;
    this.json = stack.bean(JsonMapper.class);
  }

  /** Starts a stack of its own on the given database and deploys every model as the owner. */
  static CityFlowStack start(PostgresDatabase database, Path dataDir) throws Exception {
    Map<String, Object> config = TestStacks.onPostgres(database);
    config.put("cityflow.attachments.directory", dataDir.resolve("attachments").toString());
    config.put("cityflow.devices.mqtt.enabled", false);
    config.put("cityflow.devices.heartbeat.enabled", false);
    // Every citizen of these tests calls from 127.0.0.1; the per-address limit is not under test.
    config.put("cityflow.public.rate-limit.capacity", 100_000);
    config.put("cityflow.public.rate-limit.per-minute", 100_000);
    CityFlowStack stack = new CityFlowStack(LocalStack.start(config));
    try {
      stack.deployModelsAsOwner();
    } catch (Exception | AssertionError e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  @Override
  public void close() {
    stack.close();
  }

  // --- the process owner

  /**
   * Deploys forms, then decisions, then the called processes, then the rest: each file as the
   * process owner would, one {@code POST /api/models} per file. (The stack deploys its shipped
   * models at start too; an unchanged file keeps its version, so this checks that the owner's path
   * accepts every file of the repository and leaves the stack as it was.)
   */
  private void deployModelsAsOwner() throws Exception {
    String owner = signIn("owner", "demo-owner");
    Path root = TestStacks.projectRoot();
    List<Path> files = new ArrayList<>();
    files.addAll(list(root.resolve("forms"), ".form"));
    files.addAll(list(root.resolve("workflows/dmn"), ".dmn"));
    List<String> called = List.of("notify-citizen", "request-information", "hotline-child-ticket");
    List<Path> processes = list(root.resolve("workflows/bpmn"), ".bpmn");
    processes.stream().filter(p -> called.contains(baseName(p))).forEach(files::add);
    processes.stream().filter(p -> !called.contains(baseName(p))).forEach(files::add);
    for (Path file : files) {
      Reply deployed =
          post(
              "/api/models",
              Map.of(
                  "fileName",
                  file.getFileName().toString(),
                  "contentBase64",
                  Base64.getEncoder().encodeToString(Files.readAllBytes(file))),
              bearer(owner));
      assertThat(deployed.status()).as("deploying " + file.getFileName()).isEqualTo(201);
    }
  }

  private static List<Path> list(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  // --- citizens

  /** What a citizen keeps after submitting: the reference and the tracking code. */
  record Receipt(String reference, String trackingCode) {}

  /** Submits a case as a citizen, with a fresh idempotency key; asserts it was accepted. */
  Receipt submit(Map<String, Object> body) throws Exception {
    Reply reply = post("/api/cases", body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(reply.status())
        .as("submitting %s: %s", body.get("type"), reply.body())
        .isEqualTo(201);
    return new Receipt(reply.string("reference"), reply.string("trackingCode"));
  }

  /** The citizen's tracking view. */
  Map<String, Object> track(Receipt receipt) throws Exception {
    Reply reply = get("/api/cases/" + receipt.reference(), citizen(receipt));
    assertThat(reply.status()).as("tracking %s", receipt.reference()).isEqualTo(200);
    return reply.map();
  }

  /** Waits until the citizen sees the case in the given status, and returns that view. */
  Map<String, Object> awaitCitizenSees(Receipt receipt, String status) throws Exception {
    return explained(
        () ->
            await(
                receipt.reference() + " to show " + status + " to the citizen",
                () -> {
                  Map<String, Object> view = track(receipt);
                  return status.equals(view.get("status")) ? view : null;
                }));
  }

  static Map<String, String> citizen(Receipt receipt) {
    return Map.of("X-Tracking-Code", receipt.trackingCode());
  }

  // --- staff

  /** Signs in as a demo user and returns the bearer token. */
  String signIn(String username, String password) throws Exception {
    Reply reply =
        post("/api/auth/login", Map.of("username", username, "password", password), Map.of());
    assertThat(reply.status()).as("sign-in of " + username).isEqualTo(200);
    return reply.string("access_token");
  }

  static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  /** The open tasks a queue query returns for the case with this reference. */
  List<Map<String, Object>> tasksOf(String token, String query, String reference) throws Exception {
    Reply page = get("/api/staff/tasks?" + query, bearer(token));
    assertThat(page.status()).as("task list " + query).isEqualTo(200);
    return page.items().stream().filter(t -> reference.equals(t.get("caseReference"))).toList();
  }

  /** Waits for the task with this name to be open for the case in the queue the query selects. */
  Map<String, Object> awaitTask(String token, String query, String reference, String name)
      throws Exception {
    return explained(
        () ->
            await(
                "\"" + name + "\" of " + reference + " in the queue " + query,
                () ->
                    tasksOf(token, query, reference).stream()
                        .filter(t -> name.equals(t.get("name")))
                        .findFirst()
                        .orElse(null)));
  }

  /**
   * Runs a wait; when it gives up, adds what the engine knows (incidents, open user tasks) to the
   * failure, so that a stuck process says where it stuck.
   */
  <T> T explained(Probe<T> wait) throws Exception {
    try {
      return wait.get();
    } catch (AssertionError e) {
      AssertionError explained =
          new AssertionError(
              e.getMessage()
                  + "\nengine incidents: "
                  + engineSearch("incidents", "{}")
                  + "\nengine open user tasks: "
                  + engineSearch("user-tasks", "{\"filter\":{\"state\":\"CREATED\"}}"));
      explained.initCause(e);
      throw explained;
    }
  }

  private String engineSearch(String what, String query) {
    try {
      URI search = stack.engineRestAddress().orElseThrow().resolve("/v2/" + what + "/search");
      return http.send(
              HttpRequest.newBuilder(search)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(query))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      return "(unavailable: " + e + ")";
    }
  }

  /** Claims the task and completes it with the form's data; asserts both were accepted. */
  void claimAndComplete(String token, Map<String, Object> task, Map<String, Object> variables)
      throws Exception {
    long key = ((Number) task.get("taskKey")).longValue();
    Reply claimed = post("/api/staff/tasks/" + key + "/claim", Map.of(), bearer(token));
    assertThat(claimed.status())
        .as("claim %s: %s", task.get("name"), claimed.body())
        .isEqualTo(200);
    Reply completed =
        post(
            "/api/staff/tasks/" + key + "/complete", Map.of("variables", variables), bearer(token));
    assertThat(completed.status())
        .as("complete %s: %s", task.get("name"), completed.body())
        .isEqualTo(200);
  }

  /** The staff view of a case (full timeline). */
  Map<String, Object> staffCase(String token, String reference) throws Exception {
    Reply reply = get("/api/staff/cases/" + reference, bearer(token));
    assertThat(reply.status()).as("staff view of " + reference).isEqualTo(200);
    return reply.map();
  }

  /** The texts of the timeline entries of one kind in a case view (citizen's or staff's). */
  @SuppressWarnings("unchecked")
  static List<String> timeline(Map<String, Object> view, String event) {
    return ((List<Map<String, Object>>) view.get("timeline"))
        .stream()
            .filter(e -> event.equals(e.get("event")))
            .map(e -> String.valueOf(e.get("text")))
            .toList();
  }

  // --- HTTP

  /** A status, the raw body and, when it is JSON, the parsed body. */
  record Reply(int status, byte[] bytes, Object body, HttpResponse<byte[]> response) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
      return body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list() {
      return body instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) map().getOrDefault("items", List.of());
    }

    String string(String field) {
      return (String) map().get(field);
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  Reply get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
    headers.forEach(request::header);
    return send(request);
  }

  Reply post(String path, Object body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    headers.forEach(request::header);
    return send(request);
  }

  /** Pins the engine's clock (the local engine's {@code PUT /v2/clock}) so that timers fire. */
  void setEngineClock(Instant at) throws Exception {
    URI engine = stack.engineRestAddress().orElseThrow().resolve("/v2/clock");
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(engine)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"timestamp\":" + at.toEpochMilli() + "}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as("PUT /v2/clock: " + reply.body()).isBetween(200, 204);
  }

  /** Lets the engine's clock follow the system clock again ({@code POST /v2/clock/reset}). */
  void resetEngineClock() throws Exception {
    URI engine = stack.engineRestAddress().orElseThrow().resolve("/v2/clock/reset");
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(engine).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as("POST /v2/clock/reset: " + reply.body()).isBetween(200, 204);
  }

  private Reply send(HttpRequest.Builder request) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            request.timeout(Duration.ofSeconds(90)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    byte[] bytes = response.body();
    String type = response.headers().firstValue("Content-Type").orElse("");
    Object body =
        bytes.length > 0 && type.contains("json")
            ? json.readValue(bytes, Argument.of(Object.class))
            : null;
    return new Reply(response.statusCode(), bytes, body, response);
  }

  private URI url(String path) {
    return stack.apiUrl().resolve(URI.create(path));
  }

  // --- waiting

  interface Probe<T> {
    /** The value once it is there, else null. */
    T get() throws Exception;
  }

  /** Polls until the probe answers, for at most {@link #PATIENCE}. */
  static <T> T await(String what, Probe<T> probe) throws Exception {
    return TestStacks.await(what, PATIENCE, probe::get);
  }

  /** Small helper for literal bodies: a mutable map of alternating keys and values. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
