package io.cityflow.cases;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The citizen's secret tracking code. It is a keyed pseudo-random function (HMAC-SHA256 under a
 * server secret) of the random case id, so it is unguessable without the secret, and the same
 * submission retried with the same Idempotency-Key can be answered with the same code, although
 * only its SHA-256 hash is stored.
 */
public final class TrackingCodes {
  /** No 0/O, 1/I/L: the code is read out over the phone. */
  private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

  private static final int LENGTH = 12;

  private final byte[] secret;

  public TrackingCodes(String secret) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException("the tracking-code secret needs at least 32 characters");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** The code handed to the citizen for this case. */
  public String codeFor(UUID caseId) {
    byte[] mac = hmac(caseId.toString());
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET[(mac[i] & 0xff) % ALPHABET.length]);
    }
    return code.toString();
  }

  /** The stored form of a code: SHA-256, hex. Input is normalised (case, spaces, dashes). */
  public static String hash(String code) {
    String normalised = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compares in constant time, so response timing says nothing about the stored hash. */
  public static boolean matches(String code, String storedHash) {
    if (code == null || storedHash == null) {
      return false;
    }
    return MessageDigest.isEqual(
        hash(code).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] hmac(String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
