package io.cityflow.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the yearly holiday data files shipped under {@code holidays/} on the classpath.
 *
 * <p>The files are JSON, and this reader understands exactly their shape: a {@code "source"}
 * string, a {@code "provisional"} flag, and the {@code "holidays"} and {@code "workdays"} arrays
 * whose entries carry a {@code "date"}. Keeping the reader this small avoids pulling a JSON library
 * into the domain.
 */
public final class HolidayFiles {
  private static final Pattern DATE =
      Pattern.compile("\"date\"\\s*:\\s*\"(\\d{4}-\\d{2}-\\d{2})\"");
  private static final Pattern SOURCE = Pattern.compile("\"source\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern PROVISIONAL = Pattern.compile("\"provisional\"\\s*:\\s*true");

  private HolidayFiles() {}

  /** Loads {@code holidays/<region>-<year>.json} for each year; missing years are skipped. */
  public static List<HolidayYear> load(String region, int fromYear, int toYear) {
    List<HolidayYear> years = new ArrayList<>();
    for (int year = fromYear; year <= toYear; year++) {
      String path = "holidays/" + region + "-" + year + ".json";
      try (InputStream in = HolidayFiles.class.getClassLoader().getResourceAsStream(path)) {
        if (in != null) {
          years.add(parse(year, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(path, e);
      }
    }
    return years;
  }

  static HolidayYear parse(int year, String json) {
    int holidaysAt = json.indexOf("\"holidays\"");
    int workdaysAt = json.indexOf("\"workdays\"");
    if (holidaysAt < 0 || workdaysAt < 0) {
      throw new IllegalArgumentException(year + ": needs \"holidays\" and \"workdays\"");
    }
    String holidaysPart =
        holidaysAt < workdaysAt
            ? json.substring(holidaysAt, workdaysAt)
            : json.substring(holidaysAt);
    String workdaysPart =
        workdaysAt < holidaysAt
            ? json.substring(workdaysAt, holidaysAt)
            : json.substring(workdaysAt);
    Matcher source = SOURCE.matcher(json);
    return new HolidayYear(
        year,
        source.find() ? source.group(1) : "",
        PROVISIONAL.matcher(json).find(),
        dates(holidaysPart),
        dates(workdaysPart));
  }

  private static List<LocalDate> dates(String part) {
    List<LocalDate> dates = new ArrayList<>();
    Matcher m = DATE.matcher(part);
    while (m.find()) {
      dates.add(LocalDate.parse(m.group(1)));
    }
    return dates;
  }
}
