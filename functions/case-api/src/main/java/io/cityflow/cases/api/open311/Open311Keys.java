package io.cityflow.cases.api.open311;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The partner systems' API keys. A key is 32 random bytes (base64url, prefixed {@code o311_}),
 * shown once when an administrator issues it; only its SHA-256 is stored. A key that random needs
 * no slow hash: nobody can guess one to test against the table.
 */
@Singleton
public class Open311Keys {
  static final String PREFIX = "o311_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcOperations jdbc;
  private final Clock clock;

  Open311Keys(JdbcOperations jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * A partner system.
   *
   * @param keyHint the first characters of the key, so people can tell keys apart
   */
  public record Client(
      UUID id,
      String name,
      String keyHint,
      String createdBy,
      Instant createdAt,
      Instant revokedAt) {}

  /** A newly issued key: the only moment the key itself is known. */
  public record Issued(Client client, String apiKey) {}

  @Transactional
  public Issued issue(String clientName, String issuedBy) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Client client =
        new Client(
            UUID.randomUUID(), clientName, key.substring(0, 10), issuedBy, clock.instant(), null);
    jdbc.prepareStatement(
        "INSERT INTO open311_api_key (id, client_name, key_hash, key_hint, created_by, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        statement -> {
          statement.setObject(1, client.id());
          statement.setString(2, client.name());
          statement.setString(3, hash(key));
          statement.setString(4, client.keyHint());
          statement.setString(5, client.createdBy());
          statement.setObject(6, OffsetDateTime.ofInstant(client.createdAt(), ZoneOffset.UTC));
          return statement.executeUpdate();
        });
    return new Issued(client, key);
  }

  /** The partner holding {@code apiKey}; a 403 for a missing, unknown or revoked key. */
  @Transactional
  public Client authenticate(String apiKey) {
    return find(apiKey)
        .orElseThrow(
            () ->
                new Open311Failure(
                    HttpStatus.FORBIDDEN,
                    "api_key",
                    apiKey == null || apiKey.isBlank()
                        ? "an api_key is required"
                        : "the api_key is not valid"));
  }

  /** The partner holding {@code apiKey}, if it is a valid key; empty for none at all. */
  @Transactional
  public Optional<Client> find(String apiKey) {
    if (apiKey == null || !apiKey.startsWith(PREFIX) || apiKey.length() > 100) {
      return Optional.empty();
    }
    List<Client> found =
        select(
            "SELECT * FROM open311_api_key WHERE key_hash = ? AND revoked_at IS NULL",
            hash(apiKey));
    return found.stream().findFirst();
  }

  @Transactional
  public List<Client> list() {
    return select("SELECT * FROM open311_api_key ORDER BY created_at, id", null);
  }

  /** Revokes a key; true when it existed and was in use. */
  @Transactional
  public boolean revoke(UUID id) {
    return jdbc.prepareStatement(
            "UPDATE open311_api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            statement -> {
              statement.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
              statement.setObject(2, id);
              return statement.executeUpdate();
            })
        == 1;
  }

  private List<Client> select(String sql, String parameter) {
    return jdbc.prepareStatement(
        sql,
        statement -> {
          if (parameter != null) {
            statement.setString(1, parameter);
          }
          List<Client> clients = new ArrayList<>();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              clients.add(client(rows));
            }
          }
          return clients;
        });
  }

  private static Client client(ResultSet row) throws SQLException {
    OffsetDateTime revoked = row.getObject("revoked_at", OffsetDateTime.class);
    return new Client(
        row.getObject("id", UUID.class),
        row.getString("client_name"),
        row.getString("key_hint"),
        row.getString("created_by"),
        row.getObject("created_at", OffsetDateTime.class).toInstant(),
        revoked == null ? null : revoked.toInstant());
  }

  static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
