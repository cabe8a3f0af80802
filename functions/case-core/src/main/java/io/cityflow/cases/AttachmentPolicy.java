package io.cityflow.cases;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Which files citizens may attach. The type is decided by the file's first bytes, never by its name
 * or the declared content type, and the size is capped.
 */
public final class AttachmentPolicy {
  public static final int MAX_BYTES = 5 * 1024 * 1024;
  public static final int MAX_FILES = 5;

  private AttachmentPolicy() {}

  /** The content type the bytes really are, or a {@link CaseRuleViolation} on {@code field}. */
  public static String check(String field, byte[] content) {
    if (content == null || content.length == 0) {
      throw new CaseRuleViolation(field, "the file is empty");
    }
    if (content.length > MAX_BYTES) {
      throw new CaseRuleViolation(field, "files may be at most " + MAX_BYTES + " bytes");
    }
    String type = sniff(content);
    if (type == null) {
      throw new CaseRuleViolation(field, "only PDF, PNG and JPEG files are accepted");
    }
    return type;
  }

  static String sniff(byte[] c) {
    if (startsWith(c, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
      return "application/pdf";
    }
    if (startsWith(c, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a})) {
      return "image/png";
    }
    if (startsWith(c, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
      return "image/jpeg";
    }
    return null;
  }

  private static boolean startsWith(byte[] content, byte[] magic) {
    return content.length >= magic.length
        && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
  }
}
