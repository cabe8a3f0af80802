package io.cityflow.cases.certificate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The code printed on a certificate, with which anyone can check that it is genuine. 16 random
 * characters from a 31-letter alphabet (about 79 bits) shown in groups of four; only the SHA-256 of
 * the normalised code is stored, so a copy of the database cannot forge a valid certificate.
 */
public final class VerificationCodes {
  /** No 0/O, 1/I/L: the code is typed in from paper. */
  private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

  private static final String LETTERS = new String(ALPHABET);
  private static final int LENGTH = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private VerificationCodes() {}

  /** A new random code, formatted {@code XXXX-XXXX-XXXX-XXXX}. */
  public static String generate() {
    StringBuilder code = new StringBuilder(LENGTH + 3);
    for (int i = 0; i < LENGTH; i++) {
      if (i > 0 && i % 4 == 0) {
        code.append('-');
      }
      code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return code.toString();
  }

  /**
   * Whether the text can be a code at all (16 characters of the alphabet once dashes and spaces are
   * dropped, any case): anything else is a typing error, not an unknown certificate.
   */
  public static boolean isWellFormed(String code) {
    String normalised = normalise(code);
    return normalised.length() == LENGTH
        && normalised.chars().allMatch(c -> LETTERS.indexOf(c) >= 0);
  }

  private static String normalise(String code) {
    return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase();
  }

  /** The stored form: SHA-256 (hex) of the code without dashes or spaces, upper case. */
  public static String hash(String code) {
    String normalised = normalise(code);
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
