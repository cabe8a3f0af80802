package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.cityflow.cases.camunda.FakeProcessModels;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OwnerAndSupervisorTest {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject FakeProcessModels models;

  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(client.toBlocking());
  }

  private static Map<String, Object> deploy(String fileName, String content) {
    return Map.of(
        "fileName",
        fileName,
        "contentBase64",
        Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static String validBpmn() {
    return Bpmn.convertToString(
        Bpmn.createExecutableProcess("demo-process").startEvent().endEvent().done());
  }

  @Test
  void aClerkCannotDeployOrListModelsAndNothingIsDeployed() {
    String clerk = api.login("clerk.water", "demo-clerk");
    int before = models.deployed.size();

    assertThat(api.staffPost(clerk, "/api/models", deploy("x.bpmn", validBpmn())).status())
        .isEqualTo(403);
    assertThat(api.staffGet(clerk, "/api/models").status()).isEqualTo(403);
    assertThat(api.staffPost(null, "/api/models", deploy("x.bpmn", validBpmn())).status())
        .isEqualTo(401);
    assertThat(models.deployed).hasSize(before);
  }

  @Test
  void aProcessOwnerDeploysAValidModelAndReadsItsXml() {
    String owner = api.login("owner", "demo-owner");

    var deployed =
        client
            .toBlocking()
            .exchange(
                HttpRequest.POST("/api/models", deploy("demo.bpmn", validBpmn())).bearerAuth(owner),
                String.class);
    String listed = client.toBlocking().retrieve(HttpRequest.GET("/api/models").bearerAuth(owner));

    assertThat(deployed.code()).isEqualTo(201);
    assertThat(deployed.body()).contains("\"id\":\"demo\"");
    assertThat(listed).contains("demo.bpmn");
    long key = models.deployed.get(models.deployed.size() - 1).key();
    String xml =
        client
            .toBlocking()
            .retrieve(HttpRequest.GET("/api/models/" + key + "/xml").bearerAuth(owner));
    assertThat(xml).contains("demo-process");
  }

  @Test
  void anInvalidModelIsRejectedBeforeDeploymentNamingTheFile() {
    String owner = api.login("owner", "demo-owner");
    int before = models.deployed.size();

    Api.Reply broken = api.staffPost(owner, "/api/models", deploy("broken.bpmn", "<definitions"));
    Api.Reply form =
        api.staffPost(owner, "/api/models", deploy("f.form", "{\"type\":\"default\"}"));
    Api.Reply other = api.staffPost(owner, "/api/models", deploy("run.sh", "echo"));

    assertThat(broken.status()).isEqualTo(422);
    assertThat(broken.body()).containsEntry("field", "file");
    assertThat(form.body()).containsEntry("field", "file");
    assertThat(other.body()).containsEntry("field", "fileName");
    assertThat(models.deployed).hasSize(before);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSupervisorSeesTheFiguresOfTheirDepartmentsOnly() {
    api.submit(Api.hotlineTicket("water"));
    api.submit(Api.hotlineTicket("traffic"));
    String supervisor = api.login("supervisor.water", "demo-supervisor");

    Api.Reply dashboard = api.staffGet(supervisor, "/api/supervisor/dashboard");

    assertThat(dashboard.status()).isEqualTo(200);
    assertThat(dashboard.list("counts")).isNotEmpty();
    assertThat(dashboard.list("counts"))
        .extracting(c -> c.get("department"))
        .allMatch(d -> List.of("WATER_SUPPLY", "WATER_AUTHORITY", "DRAINAGE").contains(d));
    assertThat(((Number) dashboard.body().get("complianceRate")).doubleValue()).isBetween(0.0, 1.0);
  }

  @Test
  void clerksAndProcessOwnersDoNotSeeSupervisorFigures() {
    assertThat(
            api.staffGet(api.login("clerk.water", "demo-clerk"), "/api/supervisor/dashboard")
                .status())
        .isEqualTo(403);
    assertThat(api.staffGet(api.login("owner", "demo-owner"), "/api/supervisor/dashboard").status())
        .isEqualTo(403);
  }
}
