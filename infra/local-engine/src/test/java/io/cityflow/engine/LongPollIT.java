package io.cityflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Long-polling job activation against clients that give up: the empty answer comes before the
 * client's request timeout, and jobs handed to a request whose client has left are offered again at
 * once instead of staying locked for the job timeout.
 */
class LongPollIT extends CamundaClientFixture {

  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

  @BeforeAll
  static void deployModels() {
    EngineTestSupport.deploy(client, "bpmn/job.bpmn");
  }

  private static List<ActivatedJob> activate(String type, Duration requestTimeout) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(1)
        .timeout(JOB_TIMEOUT)
        .requestTimeout(requestTimeout)
        .send()
        .join()
        .getJobs();
  }

  private static long startJob(String type) {
    return EngineTestSupport.createInstance(client, "job", Map.of("jobType", type, "retries", 3));
  }

  @Test
  void anEmptyLongPollIsAnsweredBeforeTheRequestTimeout() {
    long started = System.nanoTime();
    List<ActivatedJob> jobs = activate("longpoll.empty", Duration.ofSeconds(5));
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(jobs).isEmpty();
    // The engine holds it for 4 s (5 s less its one-second margin), not the full 5 s.
    assertThat(elapsedMillis).isBetween(3_900L, 4_900L);
  }

  @Test
  void aJobHandedToAClosedLongPollGoesToTheNextWorkerAtOnce() throws Exception {
    String type = "longpoll.abandoned";
    URI address = engine.restAddress();
    String body =
        "{\"type\":\""
            + type
            + "\",\"worker\":\"gone\",\"timeout\":"
            + JOB_TIMEOUT.toMillis()
            + ",\"maxJobsToActivate\":1,\"requestTimeout\":30000}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(address.getHost(), address.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v2/jobs/activation HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + bytes.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      // Lets the engine register the long poll before the client leaves.
      Thread.sleep(500);
    }

    long processInstanceKey = startJob(type);
    long started = System.nanoTime();
    List<ActivatedJob> jobs = activate(type, Duration.ofSeconds(10));
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).getProcessInstanceKey()).isEqualTo(processInstanceKey);
    // Far below the ten-minute lock the abandoned request took.
    assertThat(elapsedMillis).isLessThan(5_000);
  }
}
