package io.cityflow.devices.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cityflow.devices.DemoDevices;
import io.cityflow.devices.Events;
import io.cityflow.devices.RecordingPublisher;
import io.cityflow.devices.Signal;
import io.cityflow.devices.config.DeviceSettings;
import io.cityflow.devices.config.FunctionWiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqsDeviceEventFunctionTest {
  private final RecordingPublisher publisher = new RecordingPublisher();
  private final FunctionWiring wiring =
      new FunctionWiring(
          FunctionWiring.Entry.DEVICE_EVENTS,
          DeviceSettings.of(
              Map.of(
                  "datasources.default.url",
                  "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                  "datasources.default.username",
                  "sa")),
          publisher);
  private final SqsDeviceEventFunction function = new SqsDeviceEventFunction(wiring);

  SqsDeviceEventFunctionTest() {
    wiring.store().register(DemoDevices.generate(50));
  }

  @AfterEach
  void close() {
    function.close();
  }

  static SQSEvent sqsEvent(String... bodies) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId("m-" + i);
      record.setBody(bodies[i]);
      records.add(record);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  @Test
  void reportsOnlyThePoisonRecordsAsBatchItemFailuresWhenNoDeadLetterQueueIsConfigured() {
    // given
    SQSEvent event =
        sqsEvent(
            Events.sample("dustbin-full.json"),
            Events.sample("poison-not-json.txt"),
            Events.sample("traffic-light-lamp-failure.json"),
            Events.sample("unknown-device.json"),
            Events.sample("dustbin-full.json"));

    // when
    SQSBatchResponse response = function.handleRequest(event, null);

    // then
    assertThat(response.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("m-1", "m-3");
    assertThat(publisher.signals(Signal.Kind.ALERT))
        .extracting(Signal::correlationKey)
        .containsExactlyInAnyOrder("dustbin-0001:fill-level", "traffic-light-0042:lamp-failure");
  }

  @Test
  void reportsEveryRecordOfABatchWhoseHandOffFailed() {
    // given
    publisher.failWith(new IllegalStateException("engine unavailable"));

    // when
    SQSBatchResponse response =
        function.handleRequest(
            sqsEvent(
                Events.sample("water-station-tds-high.json"),
                Events.sample("water-station-leak-alarm.json")),
            null);

    // then
    assertThat(response.getBatchItemFailures()).hasSize(2);
  }
}
