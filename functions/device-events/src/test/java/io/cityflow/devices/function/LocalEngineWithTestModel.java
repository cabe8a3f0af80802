package io.cityflow.devices.function;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The local engine on an in-memory database, with the test-only model deployed ({@code
 * bpmn/device-alert-test.bpmn}: message start {@code Msg_DeviceAlert}, then a job of type {@code
 * test.open-device-case}), and a client on it. It is started reflectively, so that this module
 * still builds where {@code io.cityflow:local-engine} is not on the test class path; there the test
 * is aborted with that reason.
 */
final class LocalEngineWithTestModel implements AutoCloseable {
  static final String OPEN_CASE_JOB = "test.open-device-case";

  private final AutoCloseable engine;
  private final URI restAddress;
  private final CamundaClient client;

  private LocalEngineWithTestModel(AutoCloseable engine, URI restAddress) {
    this.engine = engine;
    this.restAddress = restAddress;
    this.client =
        CamundaClient.newClientBuilder()
            .applyEnvironmentVariableOverrides(false)
            .restAddress(restAddress)
            .preferRestOverGrpc(true)
            .build();
  }

  static LocalEngineWithTestModel start() throws Exception {
    Class<?> engineClass;
    Class<?> configClass;
    try {
      engineClass = Class.forName("io.cityflow.engine.LocalEngine");
      configClass = Class.forName("io.cityflow.engine.LocalEngineConfig");
    } catch (ClassNotFoundException e) {
      Assumptions.abort(
          "pending: io.cityflow:local-engine is not a test dependency of device-events yet");
      throw new IllegalStateException(e);
    }
    Object config =
        configClass
            .getConstructor(String.class, String.class, String.class, String.class, int.class)
            .newInstance(
                "jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa",
                "",
                "127.0.0.1",
                0);
    Object started = engineClass.getMethod("start", configClass).invoke(null, config);
    Object address = started.getClass().getMethod("restAddress").invoke(started);
    LocalEngineWithTestModel engine =
        new LocalEngineWithTestModel(
            started instanceof AutoCloseable closeable ? closeable : null,
            address instanceof URI uri ? uri : URI.create(address.toString()));
    engine
        .client
        .newDeployResourceCommand()
        .addResourceFromClasspath("bpmn/device-alert-test.bpmn")
        .send()
        .join();
    return engine;
  }

  URI restAddress() {
    return restAddress;
  }

  /**
   * The cases opened so far: the jobs of the test model's task, waiting up to 20 s for at least
   * {@code expected}, then a second longer for any beyond them.
   */
  List<ActivatedJob> openedCases(int expected) throws InterruptedException {
    List<ActivatedJob> cases = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              cases.addAll(activate());
              return cases.size() >= expected;
            });
    Thread.sleep(1000);
    cases.addAll(activate());
    return cases;
  }

  private List<ActivatedJob> activate() {
    return client
        .newActivateJobsCommand()
        .jobType(OPEN_CASE_JOB)
        .maxJobsToActivate(10)
        .requestTimeout(Duration.ofSeconds(1))
        .send()
        .join()
        .getJobs();
  }

  @Override
  public void close() throws Exception {
    client.close();
    if (engine != null) {
      engine.close();
    }
  }
}
