package io.cityflow.devices.function;

import static io.cityflow.devices.function.SqsDeviceEventFunctionTest.sqsEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.cityflow.devices.DemoDevices;
import io.cityflow.devices.Events;
import io.cityflow.devices.RecordingPublisher;
import io.cityflow.devices.Signal;
import io.cityflow.devices.config.DeviceSettings;
import io.cityflow.devices.config.FunctionWiring;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SnapStart hooks: priming writes and sends nothing, and the handler works after a restore. */
class SqsDeviceEventFunctionPrimingTest {
  private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final RecordingPublisher publisher = new RecordingPublisher();
  private FunctionWiring wiring;

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void primesWithoutWritingOrPublishingAndHandlesEventsAfterTheRestore() throws Exception {
    // given
    wiring = wiring(publisher, Map.of());
    wiring.store().register(DemoDevices.generate(5));
    SqsDeviceEventFunction function = new SqsDeviceEventFunction(wiring);
    long devicesBefore = count("device");

    // when
    wiring.beforeCheckpoint(null);

    // then nothing was written or handed off, and the connection is closed for the snapshot
    assertThat(count("device_event")).isZero();
    assertThat(count("device_alarm")).isZero();
    assertThat(count("device")).isEqualTo(devicesBefore);
    assertThat(publisher.calls()).isEmpty();
    assertThat(wiring.holdsConnection()).isFalse();

    // when restored and handed a full dustbin
    wiring.afterRestore(null);
    SQSBatchResponse response =
        function.handleRequest(
            sqsEvent(Events.fill("dustbin-0001", "after-restore", Instant.now(), 95)), null);

    // then it was handled as usual
    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(count("device_event")).isEqualTo(1);
    assertThat(publisher.signals(Signal.Kind.ALERT))
        .extracting(Signal::correlationKey)
        .containsExactly("dustbin-0001:fill-level");
  }

  @Test
  void buildsTheCamundaClientWhilePrimingWithoutCallingTheEngine() throws Exception {
    // given the Camunda hand-off, with an engine address where nothing listens
    wiring = wiring(null, Map.of("cityflow.camunda.rest-address", "http://127.0.0.1:9"));
    SqsDeviceEventFunction function = new SqsDeviceEventFunction(wiring);

    // when
    wiring.beforeCheckpoint(null);

    // then the client exists (priming would have failed otherwise) and nothing was written
    assertThat(wiring.holdsConnection()).isFalse();
    assertThat(count("device_event")).isZero();
    assertThat(count("device_alarm")).isZero();
  }

  private FunctionWiring wiring(RecordingPublisher publisher, Map<String, String> more) {
    Map<String, String> settings = new java.util.HashMap<>(more);
    settings.put("datasources.default.url", url);
    settings.put("datasources.default.username", "sa");
    return new FunctionWiring(
        FunctionWiring.Entry.DEVICE_EVENTS, DeviceSettings.of(settings), publisher);
  }

  private long count(String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        ResultSet rows =
            connection.createStatement().executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
