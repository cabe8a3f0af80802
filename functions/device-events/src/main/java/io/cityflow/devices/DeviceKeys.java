package io.cityflow.devices;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Per-device ingest keys. A key is 32 random bytes, so a plain SHA-256 of it cannot be reversed by
 * guessing; a slow password hash would only slow down every ingest request. Only the hash is
 * stored.
 */
public final class DeviceKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private DeviceKeys() {}

  public static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Compares in constant time, so that the response time does not leak the hash. */
  public static boolean matches(String key, String storedHash) {
    if (key == null || storedHash == null) {
      return false;
    }
    return MessageDigest.isEqual(
        hash(key).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
