package io.cityflow.devices.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.cityflow.devices.DemoDevices;
import io.cityflow.devices.Events;
import io.cityflow.devices.config.DeviceSettings;
import io.cityflow.devices.config.FunctionWiring;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end: ElasticMQ queue → SQS handler → Camunda client → the local engine → a case (an
 * instance of a test-only process started by {@code Msg_DeviceAlert}) exists, once per device and
 * alarm, with repeats, duplicates, late events and poison mixed in. The engine is {@link
 * LocalEngineWithTestModel} (the test is skipped with the reason where it is not on the test class
 * path).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsToLocalEngineIT {
  private static final Instant T0 = Instant.now().minusSeconds(7200);

  private LocalEngineWithTestModel engine;
  private SqsQueueDriver queues;
  private SqsDeviceEventFunction function;

  @Test
  void opensOneCasePerDeviceAndAlarmInTheEngine(PostgresDatabase database) throws Exception {
    // given a running local engine with the test model deployed
    engine = LocalEngineWithTestModel.start();
    queues = new SqsQueueDriver();
    String queue = queues.createQueue("device-events-e2e");
    String rejected = queues.createQueue("device-events-e2e-rejected");
    Map<String, Object> config = new HashMap<>();
    config.put("datasources.default.url", database.jdbcUrl());
    config.put("datasources.default.username", database.user());
    config.put("datasources.default.password", database.password());
    config.put("cityflow.camunda.rest-address", engine.restAddress().toString());
    config.put("cityflow.devices.sqs.rejected-queue-url", rejected);
    config.put("cityflow.devices.sqs.endpoint", queues.endpoint);
    config.put("cityflow.devices.sqs.region", "us-east-1");
    FunctionWiring wiring =
        new FunctionWiring(FunctionWiring.Entry.DEVICE_EVENTS, DeviceSettings.of(config), null);
    wiring.store().register(DemoDevices.generate(300));
    function = new SqsDeviceEventFunction(wiring);

    // and a queue of twenty readings of a full bin (two redelivered), a late one, a lamp failure
    // and poison
    for (int i = 0; i < 20; i++) {
      String reading = Events.fill("dustbin-0050", "e2e-" + i, T0.plusSeconds(60L * i), 95);
      queues.send(queue, reading);
      if (i == 3 || i == 9) {
        queues.send(queue, reading);
      }
    }
    queues.send(queue, Events.fill("dustbin-0050", "e2e-late", T0.minusSeconds(60), 3));
    queues.send(queue, Events.sample("traffic-light-lamp-failure.json"));
    queues.send(queue, Events.sample("poison-not-json.txt"));
    queues.send(queue, Events.sample("unknown-device.json"));

    // when
    queues.drain(queue, function, 50);

    // then every record was consumed and the poison went aside
    assertThat(queues.receiveAll(queue)).isEmpty();
    assertThat(queues.receiveAll(rejected)).hasSize(2);

    // and one case per device and alarm exists
    List<ActivatedJob> cases = engine.openedCases(2);
    assertThat(cases)
        .extracting(
            j ->
                j.getVariablesAsMap().get("deviceId")
                    + ":"
                    + j.getVariablesAsMap().get("alarmType"))
        .containsExactlyInAnyOrder("dustbin-0050:fill-level", "traffic-light-0042:lamp-failure");
    assertThat(cases)
        .filteredOn(j -> "dustbin-0050".equals(j.getVariablesAsMap().get("deviceId")))
        .singleElement()
        .satisfies(j -> assertThat(j.getVariablesAsMap()).containsEntry("alertEventId", "e2e-0"));
  }

  @AfterAll
  void close() throws Exception {
    if (function != null) {
      function.close();
    }
    if (queues != null) {
      queues.close();
    }
    if (engine != null) {
      engine.close();
    }
  }
}
