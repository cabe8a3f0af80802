package io.cityflow.engine.rest;

import io.cityflow.engine.model.EngineException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small multipart/form-data reader: the JDK server has none, and deployments need one. */
final class Multipart {

  /** One part: its form field name, its file name (or null) and its bytes. */
  record Part(String name, String filename, byte[] content) {}

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

  private Multipart() {}

  static List<Part> parse(String contentType, byte[] body) {
    Matcher boundaryMatch = contentType == null ? null : BOUNDARY.matcher(contentType);
    if (boundaryMatch == null || !boundaryMatch.find()) {
      throw EngineException.invalid("Expected a multipart/form-data request with a boundary");
    }
    byte[] delimiter = ("--" + boundaryMatch.group(1)).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int position = indexOf(body, delimiter, 0);
    while (position >= 0) {
      int start = position + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        break;
      }
      parts.add(part(Arrays.copyOfRange(body, skipLineBreak(body, start), next)));
      position = next;
    }
    return parts;
  }

  private static Part part(byte[] raw) {
    int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (headerEnd < 0) {
      throw EngineException.invalid("Malformed multipart body: a part has no header end");
    }
    String headers = new String(raw, 0, headerEnd, StandardCharsets.UTF_8);
    int contentEnd = raw.length;
    if (contentEnd >= 2 && raw[contentEnd - 2] == '\r' && raw[contentEnd - 1] == '\n') {
      contentEnd -= 2;
    }
    byte[] content = Arrays.copyOfRange(raw, headerEnd + 4, Math.max(headerEnd + 4, contentEnd));
    Matcher name = NAME.matcher(headers);
    Matcher filename = FILENAME.matcher(headers);
    return new Part(
        name.find() ? name.group(1) : null, filename.find() ? filename.group(1) : null, content);
  }

  private static int skipLineBreak(byte[] body, int at) {
    return at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n' ? at + 2 : at;
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
