package io.cityflow.devices.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cityflow.devices.Events;
import io.cityflow.devices.RecordingPublisher;
import io.cityflow.devices.Signal;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceIngestControllerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RecordingPublisher publisher = new RecordingPublisher();
  private final EmbeddedServer server =
      ApplicationContext.builder()
          .properties(
              Map.of(
                  "micronaut.server.port",
                  -1,
                  "datasources.default.url",
                  "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                  "datasources.default.username",
                  "sa",
                  "datasources.default.password",
                  "",
                  "cityflow.devices.demo.enabled",
                  true,
                  "cityflow.devices.demo.devices-per-type",
                  50))
          .singletons(publisher)
          .run(EmbeddedServer.class);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  void close() {
    server.close();
  }

  private HttpResponse<String> post(String deviceId, String key, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.getURL() + "/api/devices/" + deviceId + "/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header(DeviceIngestController.KEY_HEADER, key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void acceptsAnEventSignedWithTheDeviceKeyAndAnswersItsRedeliveryAsADuplicate() throws Exception {
    // given
    String body = Events.sample("water-station-tds-high.json");

    // when
    HttpResponse<String> first = post("water-station-0007", "demo-key-water-station-0007", body);
    HttpResponse<String> again = post("water-station-0007", "demo-key-water-station-0007", body);

    // then
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(first.body()).get("status").asText()).isEqualTo("accepted");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("status").asText()).isEqualTo("duplicate");
    assertThat(publisher.signals(Signal.Kind.ALERT))
        .extracting(Signal::correlationKey)
        .contains("water-station-0007:tds");
  }

  @Test
  void answers503WhenTheHandOffFailsAndAppliesTheGatewaysRetryOnce() throws Exception {
    // given the engine fails the first hand-off
    String body =
        Events.fill("dustbin-0044", "http-retry-1", java.time.Instant.now().minusSeconds(60), 95);
    publisher.failNext(1);

    // when the gateway sends, retries after the 503, and retries once more
    HttpResponse<String> failed = post("dustbin-0044", "demo-key-dustbin-0044", body);
    HttpResponse<String> retried = post("dustbin-0044", "demo-key-dustbin-0044", body);
    HttpResponse<String> again = post("dustbin-0044", "demo-key-dustbin-0044", body);

    // then nothing of the failed attempt stuck, the retry went through, and only once
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(failed.headers().firstValue("Retry-After")).isPresent();
    assertThat(retried.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("status").asText()).isEqualTo("duplicate");
    assertThat(publisher.signals())
        .filteredOn(s -> s.correlationKey().equals("dustbin-0044:fill-level"))
        .extracting(Signal::kind)
        .containsExactly(Signal.Kind.ALERT);
  }

  @Test
  void refusesAWrongKeyAndAnUnknownDeviceAlikeWithProblemDetails() throws Exception {
    // when
    HttpResponse<String> wrongKey =
        post("dustbin-0001", "demo-key-dustbin-0002", Events.sample("dustbin-full.json"));
    HttpResponse<String> noKey = post("dustbin-0001", null, Events.sample("dustbin-full.json"));
    HttpResponse<String> unknown =
        post("dustbin-9999", "demo-key-dustbin-9999", Events.sample("unknown-device.json"));

    // then
    for (HttpResponse<String> response : new HttpResponse[] {wrongKey, noKey, unknown}) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("application/problem+json");
      assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("unauthorized");
    }
    assertThat(publisher.signals()).noneMatch(s -> s.deviceId().equals("dustbin-0001"));
  }

  @Test
  void namesTheOffendingFieldOfAnInvalidEvent() throws Exception {
    // when
    HttpResponse<String> response =
        post("dustbin-0001", "demo-key-dustbin-0001", Events.sample("poison-unknown-field.json"));

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("code").asText()).isEqualTo("unknown-field");
    assertThat(problem.get("field").asText()).isEqualTo("/firmware");
    assertThat(problem.get("type").asText())
        .isEqualTo("urn:cityflow:problem:device-event:unknown-field");
  }

  @Test
  void refusesAnEventAboutAnotherDeviceThanTheAuthenticatedOne() throws Exception {
    // when
    HttpResponse<String> response =
        post("dustbin-0002", "demo-key-dustbin-0002", Events.sample("dustbin-full.json"));

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("device-mismatch");
  }

  @Test
  void refusesAnOversizedEventWith413() throws Exception {
    // given
    String body = Events.sample("dustbin-emptied.json").replace("}}", "}" + " ".repeat(9000) + "}");

    // when
    HttpResponse<String> response = post("dustbin-0001", "demo-key-dustbin-0001", body);

    // then
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("too-large");
  }
}
