package io.cityflow.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Gives each test class a fresh PostgreSQL database, dropped when the class is done.
 *
 * <p>Register it with {@code @ExtendWith(PostgresExtension.class)} and take a {@link
 * PostgresDatabase} parameter in a constructor, a {@code @BeforeAll} or a test method. When no
 * server answers and Docker is missing, the tests are skipped with that reason, except with {@code
 * CI=true}, where a missing PostgreSQL fails them.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(PostgresExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return database(context);
  }

  private static PostgresDatabase database(ExtensionContext context) {
    ExtensionContext classContext =
        context.getTestClass().isPresent() && context.getTestMethod().isPresent()
            ? context.getParent().orElse(context)
            : context;
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "database", key -> new CreatedDatabase(create(server(context))), CreatedDatabase.class)
        .database();
  }

  private static PostgresServer server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", key -> locateServer(), PostgresServer.class);
  }

  private static PostgresServer locateServer() {
    Optional<PostgresServer> configured = PostgresServer.configured();
    if (configured.isPresent()) {
      return configured.get();
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
      container.start();
      return new PostgresServer(
          container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
    String reason =
        "no PostgreSQL answers at TEST_PG_URL or "
            + PostgresServer.DEFAULT_URL
            + ", and Docker is not available";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI needs PostgreSQL: " + reason);
    }
    throw new TestAbortedException(reason);
  }

  private static PostgresDatabase create(PostgresServer server) {
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    execute(server, "create database " + name);
    return new PostgresDatabase(server, name);
  }

  private static void execute(PostgresServer server, String sql) {
    try (Connection connection = server.connect(server.adminUrl());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + sql, e);
    }
  }

  /** Drops the database when JUnit closes the class's store. */
  private record CreatedDatabase(PostgresDatabase database) implements AutoCloseable {
    @Override
    public void close() {
      execute(database.server(), "drop database if exists " + database.name() + " with (force)");
    }
  }
}
