package io.cityflow.workers.devices;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the {@code device} and {@code device_alarm} tables of the device-events schema ({@code
 * db/devices} in that module) with plain SQL, so the workers need no code of that module. The data
 * source is the transaction-aware one, hence the (read-only) transaction around each read.
 */
@Singleton
class JdbcDeviceRegistry implements DeviceRegistry {
  private final DataSource dataSource;

  JdbcDeviceRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<Device> find(String deviceId) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement device =
          c.prepareStatement(
              "select id, type, location, zone, registered_at, last_seen_at from device where id = ?")) {
        device.setString(1, deviceId);
        try (ResultSet rs = device.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(
              new Device(
                  rs.getString("id"),
                  rs.getString("type"),
                  rs.getString("location"),
                  rs.getString("zone"),
                  instant(rs.getTimestamp("registered_at")),
                  instant(rs.getTimestamp("last_seen_at")),
                  activeAlarms(c, deviceId)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("device registry unavailable", e);
    }
  }

  private static List<String> activeAlarms(Connection c, String deviceId) throws SQLException {
    try (PreparedStatement alarms =
        c.prepareStatement(
            "select alarm_type from device_alarm where device_id = ? and active order by alarm_type")) {
      alarms.setString(1, deviceId);
      List<String> types = new ArrayList<>();
      try (ResultSet rs = alarms.executeQuery()) {
        while (rs.next()) {
          types.add(rs.getString(1));
        }
      }
      return types;
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
