package io.cityflow.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceEventParserTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  private final DeviceEventParser parser =
      new DeviceEventParser(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

  @Test
  void parsesARecordedReadingsEvent() {
    // when
    DeviceEvent event = parser.parse(Events.sample("water-station-tds-high.json"));

    // then
    assertThat(event.deviceId()).isEqualTo("water-station-0007");
    assertThat(event.deviceType()).isEqualTo(DeviceType.WATER_STATION);
    assertThat(event.eventId()).isEqualTo("ws7-000481");
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-28T08:05:12Z"));
    assertThat(event.readings())
        .containsEntry("tds", 612.0)
        .containsEntry("filterPressureDrop", 42.5)
        .containsEntry("leak", 0.0);
    assertThat(event.alarm()).isNull();
  }

  @Test
  void parsesARecordedAlarmEvent() {
    // when
    DeviceEvent event = parser.parse(Events.sample("traffic-light-lamp-failure.json"));

    // then
    assertThat(event.alarm()).isEqualTo(new DeviceAlarm("lamp-failure", Severity.MAJOR));
    assertThat(event.readings()).isNull();
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-28T07:45:03.250Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | deviceId=dustbin-0001 | malformed-json | ",
        "an array | [] | invalid-field | /",
        "an unknown field | {\"deviceId\":\"d-1\",\"deviceType\":\"dustbin\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-28T08:00:00Z\",\"readings\":{\"fillLevel\":1},\"x\":1} | unknown-field | /x",
        "a duplicate key | {\"deviceId\":\"d-1\",\"deviceId\":\"d-2\"} | malformed-json | ",
        "a missing event id | {\"deviceId\":\"d-1\",\"deviceType\":\"dustbin\",\"occurredAt\":\"2026-11-28T08:00:00Z\",\"readings\":{\"fillLevel\":1}} | missing-field | /eventId",
        "both readings and alarm | {\"deviceId\":\"d-1\",\"deviceType\":\"dustbin\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-28T08:00:00Z\",\"readings\":{\"fillLevel\":1},\"alarm\":{\"code\":\"x\",\"severity\":\"major\"}} | invalid-field | /readings",
        "neither readings nor alarm | {\"deviceId\":\"d-1\",\"deviceType\":\"dustbin\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-28T08:00:00Z\"} | invalid-field | /readings",
        "a time without offset | {\"deviceId\":\"d-1\",\"deviceType\":\"dustbin\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-28T08:00:00\",\"readings\":{\"fillLevel\":1}} | invalid-field | /occurredAt",
        "a time in the future | {\"deviceId\":\"d-1\",\"deviceType\":\"dustbin\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-29T01:00:00Z\",\"readings\":{\"fillLevel\":1}} | invalid-field | /occurredAt",
        "an unknown type | {\"deviceId\":\"d-1\",\"deviceType\":\"toaster\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-28T08:00:00Z\",\"readings\":{\"fillLevel\":1}} | invalid-field | /deviceType",
        "a device id with a colon | {\"deviceId\":\"d:1\",\"deviceType\":\"dustbin\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-28T08:00:00Z\",\"readings\":{\"fillLevel\":1}} | invalid-field | /deviceId",
        "a text reading | {\"deviceId\":\"d-1\",\"deviceType\":\"dustbin\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-28T08:00:00Z\",\"readings\":{\"fillLevel\":\"95\"}} | invalid-field | /readings/fillLevel",
        "empty readings | {\"deviceId\":\"d-1\",\"deviceType\":\"dustbin\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-28T08:00:00Z\",\"readings\":{}} | invalid-field | /readings",
        "an unknown severity | {\"deviceId\":\"d-1\",\"deviceType\":\"dustbin\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-28T08:00:00Z\",\"alarm\":{\"code\":\"x\",\"severity\":\"huge\"}} | invalid-field | /alarm/severity",
        "a numeric device id | {\"deviceId\":7,\"deviceType\":\"dustbin\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-28T08:00:00Z\",\"readings\":{\"fillLevel\":1}} | invalid-field | /deviceId",
        "trailing content | {\"deviceId\":\"d-1\",\"deviceType\":\"dustbin\",\"eventId\":\"e1\",\"occurredAt\":\"2026-11-28T08:00:00Z\",\"readings\":{\"fillLevel\":1}} {} | malformed-json | ",
      })
  void rejectsAnEventThatBreaksTheContract(
      String description, String body, String code, String field) {
    // when
    InvalidDeviceEventException e =
        catchThrowableOfType(InvalidDeviceEventException.class, () -> parser.parse(body));

    // then
    assertThat(e).as(description).isNotNull();
    assertThat(e.rejection().code()).isEqualTo(code);
    assertThat(e.rejection().field()).isEqualTo(field);
  }

  @Test
  void rejectsAnEventLargerThanEightKilobytes() {
    // given
    String body = Events.fill("d-1", "e1", NOW, 1).replace("}}", "}" + " ".repeat(9000) + "}");

    // when
    InvalidDeviceEventException e =
        catchThrowableOfType(InvalidDeviceEventException.class, () -> parser.parse(body));

    // then
    assertThat(e.rejection().code()).isEqualTo("too-large");
  }
}
