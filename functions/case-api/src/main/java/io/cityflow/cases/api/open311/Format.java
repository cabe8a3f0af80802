package io.cityflow.cases.api.open311;

import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * The two GeoReport representations, chosen by the path's extension ({@code .json}, {@code .xml}).
 * Documents are built as ordered maps and lists, so both come from the same data: a map is an
 * object (an element with child elements), a list is an array (an element whose items are named by
 * {@link #ITEM_NAMES}).
 */
enum Format {
  JSON("application/json"),
  XML("application/xml");

  /** The element name of a list's items in XML, by the list's name. */
  private static final Map<String, String> ITEM_NAMES =
      Map.of(
          "services", "service",
          "attributes", "attribute",
          "values", "value",
          "endpoints", "endpoint",
          "formats", "format",
          "service_requests", "request",
          "errors", "error");

  private final String mediaType;

  Format(String mediaType) {
    this.mediaType = mediaType;
  }

  String mediaType() {
    return mediaType;
  }

  /** The format of a path's last segment ({@code services.json}); a 404 for any other extension. */
  static Format of(String fileName) {
    if (fileName.endsWith(".json")) {
      return JSON;
    }
    if (fileName.endsWith(".xml")) {
      return XML;
    }
    throw new Open311Failure(HttpStatus.NOT_FOUND, "format", "the representation is .json or .xml");
  }

  /** The path segment without its extension. */
  static String stem(String fileName) {
    return fileName.substring(0, fileName.lastIndexOf('.'));
  }

  /** Writes {@code value} (maps, lists, strings, numbers, booleans) as XML under {@code root}. */
  static String xml(String root, Object value) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    element(out, root, value);
    return out.toString();
  }

  private static void element(StringBuilder out, String name, Object value) {
    if (value == null) {
      return;
    }
    out.append('<').append(name).append('>');
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> element(out, String.valueOf(k), v));
    } else if (value instanceof Collection<?> items) {
      String item = ITEM_NAMES.getOrDefault(name, "item");
      items.forEach(v -> element(out, item, v));
    } else {
      escape(out, String.valueOf(value));
    }
    out.append("</").append(name).append('>');
  }

  private static void escape(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          // Characters XML 1.0 cannot carry at all are dropped rather than breaking the document.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            out.append(c);
          }
        }
      }
    }
  }

  /** Serialises for {@link #JSON} with the application's mapper. */
  static String json(JsonMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
