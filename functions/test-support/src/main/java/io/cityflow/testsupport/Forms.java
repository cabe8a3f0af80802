package io.cityflow.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Bodies for {@code application/x-www-form-urlencoded} requests, as a browser or partner sends. */
public final class Forms {
  private Forms() {}

  /** The fields in their map's order, each name and value encoded as UTF-8. */
  public static String urlEncoded(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
