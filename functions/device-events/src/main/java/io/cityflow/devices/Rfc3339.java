package io.cityflow.devices;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads and writes RFC 3339 date-times, as the event contract's {@code occurredAt} is written
 * ({@code 2026-11-28T08:05:12.250+08:00}, {@code T} and {@code Z} in either case, 1 to 9 digits of
 * fraction) and as the device store hands instants to PostgreSQL. Hand-written rather than through
 * {@code OffsetDateTime.parse} and {@code Instant.toString}: the first use of a {@code
 * DateTimeFormatter} builds every predefined formatter of the JDK, 7 to 10 ms of a Lambda cold
 * start here, and each of their calls costs several times one of these. The fields' ranges are
 * checked by {@link OffsetDateTime#of}: no 30 February, no 24:00, no leap second, offsets up to
 * ±18:00.
 */
public final class Rfc3339 {
  private static final int MAX_FRACTION_DIGITS = 9;

  /** PostgreSQL stores no earlier instant in this notation (it has no year 0). */
  private static final Instant EARLIEST = Instant.ofEpochSecond(-62_135_596_800L);

  /** The year 10000 would need more than four digits. */
  private static final Instant END = Instant.ofEpochSecond(253_402_300_800L);

  private Rfc3339() {}

  /**
   * @throws DateTimeException when {@code text} is not such a date-time, or is earlier than the
   *     first instant of the year 1 in UTC
   */
  public static Instant parse(String text) {
    Cursor c = new Cursor(text);
    int year = c.digits(4);
    c.expect('-');
    int month = c.digits(2);
    c.expect('-');
    int day = c.digits(2);
    c.expectEither('T', 't');
    int hour = c.digits(2);
    c.expect(':');
    int minute = c.digits(2);
    c.expect(':');
    int second = c.digits(2);
    int nanos = 0;
    if (c.skip('.')) {
      int digits = 0;
      while (c.atDigit()) {
        if (++digits > MAX_FRACTION_DIGITS) {
          throw new DateTimeException("more than nine digits of fraction");
        }
        nanos = nanos * 10 + c.digits(1);
      }
      if (digits == 0) {
        throw new DateTimeException("a fraction without digits");
      }
      for (int d = digits; d < MAX_FRACTION_DIGITS; d++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (c.skip('Z') || c.skip('z')) {
      offset = ZoneOffset.UTC;
    } else {
      int sign = c.skip('+') ? 1 : c.skip('-') ? -1 : 0;
      if (sign == 0) {
        throw new DateTimeException("no offset");
      }
      int hours = c.digits(2);
      c.expect(':');
      int minutes = c.digits(2);
      offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
    c.expectEnd();
    Instant instant =
        OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset).toInstant();
    if (instant.isBefore(EARLIEST)) {
      throw new DateTimeException("before the year 1");
    }
    return instant;
  }

  /**
   * {@code instant} in UTC, with the fraction's digits up to the last non-zero one ({@code
   * 2026-11-28T00:05:12.25Z}).
   *
   * @throws DateTimeException for an instant before the year 1 or after the year 9999
   */
  public static String format(Instant instant) {
    if (instant.isBefore(EARLIEST) || !instant.isBefore(END)) {
      throw new DateTimeException("outside the years 1 to 9999");
    }
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(30);
    digits(text, t.getYear(), 4).append('-');
    digits(text, t.getMonthValue(), 2).append('-');
    digits(text, t.getDayOfMonth(), 2).append('T');
    digits(text, t.getHour(), 2).append(':');
    digits(text, t.getMinute(), 2).append(':');
    digits(text, t.getSecond(), 2);
    int nanos = t.getNano();
    if (nanos != 0) {
      int length = MAX_FRACTION_DIGITS;
      while (nanos % 10 == 0) {
        nanos /= 10;
        length--;
      }
      digits(text.append('.'), nanos, length);
    }
    return text.append('Z').toString();
  }

  private static StringBuilder digits(StringBuilder text, int value, int length) {
    String number = Integer.toString(value);
    for (int i = number.length(); i < length; i++) {
      text.append('0');
    }
    return text.append(number);
  }

  private static final class Cursor {
    private final String text;
    private int at;

    Cursor(String text) {
      this.text = text;
    }

    boolean atDigit() {
      return at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9';
    }

    int digits(int count) {
      int value = 0;
      for (int i = 0; i < count; i++) {
        if (!atDigit()) {
          throw new DateTimeException("a digit expected at index " + at);
        }
        value = value * 10 + (text.charAt(at++) - '0');
      }
      return value;
    }

    boolean skip(char expected) {
      if (at < text.length() && text.charAt(at) == expected) {
        at++;
        return true;
      }
      return false;
    }

    void expect(char expected) {
      if (!skip(expected)) {
        throw new DateTimeException("'" + expected + "' expected at index " + at);
      }
    }

    void expectEither(char one, char other) {
      if (!skip(one) && !skip(other)) {
        throw new DateTimeException("'" + one + "' expected at index " + at);
      }
    }

    void expectEnd() {
      if (at != text.length()) {
        throw new DateTimeException("unexpected text at index " + at);
      }
    }
  }
}
