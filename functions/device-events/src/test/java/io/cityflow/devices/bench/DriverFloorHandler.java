package io.cityflow.devices.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The floor of the cold-start benchmark: a handler that ignores the event and only opens a
 * PostgreSQL connection with the driver and runs {@code select 1}. Any handler that records an
 * event in the database pays at least this, so its ratio to the plain handler shows how much of the
 * budget the driver's start and a new server backend take before our code does anything. Reads the
 * same {@code datasources.default.*} properties as our handler.
 */
public class DriverFloorHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    Properties login = new Properties();
    login.setProperty("user", System.getProperty("datasources.default.username"));
    login.setProperty("password", System.getProperty("datasources.default.password"));
    String url = System.getProperty("datasources.default.url");
    try (Connection connection = new org.postgresql.Driver().connect(url, login);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select 1")) {
      if (!row.next() || row.getInt(1) != 1) {
        throw new IllegalStateException("select 1 returned no 1");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach " + url, e);
    }
    return new SQSBatchResponse(List.of());
  }
}
