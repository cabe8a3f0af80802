package io.cityflow.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-28T08:05:12Z",
        "2026-11-28t08:05:12z",
        "2026-11-28T08:05:12.2Z",
        "2026-11-28T08:05:12.250+08:00",
        "2026-11-28T08:05:12.123456789-05:30",
        "2026-11-28T00:00:00-00:00",
        "2024-02-29T23:59:59+18:00",
        "0001-01-01T00:00:00Z"
      })
  void readsWhatTheJdkReads(String text) {
    assertThat(Rfc3339.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @Test
  void agreesWithTheJdkOnManyDateTimes() {
    // given date-times across the range, with every fraction length and offsets east and west
    Random random = new Random(3339);
    for (int i = 0; i < 10_000; i++) {
      OffsetDateTime time =
          OffsetDateTime.of(
              1 + random.nextInt(9998),
              1 + random.nextInt(12),
              1 + random.nextInt(28),
              random.nextInt(24),
              random.nextInt(60),
              random.nextInt(60),
              random.nextInt(1_000_000_000),
              ZoneOffset.ofTotalSeconds((random.nextInt(36) - 18) * 3600 + 60 * random.nextInt(2)));
      String text = time.toString();
      // then each reads as the JDK reads it (toString drops zero seconds; those are not RFC 3339)
      if (text.length() > 16 && text.charAt(16) == ':') {
        assertThat(Rfc3339.parse(text)).as(text).isEqualTo(time.toInstant());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2026-11-28",
        "2026-11-28T08:05Z",
        "2026-11-28T08:05:12",
        "2026-11-28 08:05:12Z",
        "2026-11-28T08:05:12.Z",
        "2026-11-28T08:05:12.1234567891Z",
        "2026-11-28T08:05:12+0800",
        "2026-11-28T08:05:12+08",
        "2026-11-28T08:05:12+19:00",
        "2026-11-28T08:05:12+08:60",
        "2026-11-28T08:05:12ZZ",
        "2026-11-28T08:05:12Z ",
        "2026-13-28T08:05:12Z",
        "2026-02-30T08:05:12Z",
        "2025-02-29T08:05:12Z",
        "2026-11-28T24:00:00Z",
        "2026-11-28T08:60:12Z",
        "2026-11-28T08:05:60Z",
        "+12026-11-28T08:05:12Z",
        "2026-1-28T08:05:12Z",
        "0000-06-01T00:00:00Z",
        "0001-01-01T00:30:00+01:00",
        "２０２６-11-28T08:05:12Z"
      })
  void refusesWhatIsNotAnRfc3339DateTimeWithOffset(String text) {
    assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeException.class);
  }

  @Test
  void anUnknownLocalOffsetIsUtc() {
    assertThat(Rfc3339.parse("2026-11-28T08:05:12-00:00"))
        .isEqualTo(Instant.parse("2026-11-28T08:05:12Z"));
  }

  @Test
  void writesWhatItAndTheJdkRead() {
    // given instants across the range, with and without a fraction
    Random random = new Random(3339);
    for (int i = 0; i < 10_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              -62_135_596_800L + (long) (random.nextDouble() * 315_537_897_600L),
              i % 3 == 0 ? 0 : random.nextInt(1_000_000_000));
      String text = Rfc3339.format(instant);
      // then the text reads back as the same instant
      assertThat(Rfc3339.parse(text)).as(text).isEqualTo(instant);
      assertThat(Instant.parse(text)).as(text).isEqualTo(instant);
    }
    assertThat(Rfc3339.format(Instant.parse("2026-11-28T00:05:12.250Z")))
        .isEqualTo("2026-11-28T00:05:12.25Z");
    assertThat(Rfc3339.format(Instant.parse("0001-01-01T00:00:00Z")))
        .isEqualTo("0001-01-01T00:00:00Z");
    assertThat(Rfc3339.format(Instant.parse("9999-12-31T23:59:59.000000001Z")))
        .isEqualTo("9999-12-31T23:59:59.000000001Z");
  }

  @Test
  void writesOnlyFourDigitYearsAfterTheYearZero() {
    assertThatThrownBy(() -> Rfc3339.format(Instant.parse("0000-12-31T23:59:59Z")))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> Rfc3339.format(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(DateTimeException.class);
  }
}
