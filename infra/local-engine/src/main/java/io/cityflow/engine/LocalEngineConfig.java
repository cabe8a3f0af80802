package io.cityflow.engine;

/**
 * Where the engine keeps its state and where it listens.
 *
 * @param jdbcUrl an H2 or PostgreSQL JDBC URL; the engine creates its own {@code eng_} tables
 * @param port the HTTP port, or 0 to pick a free one
 */
public record LocalEngineConfig(
    String jdbcUrl, String username, String password, String host, int port) {

  /** An H2 file database under {@code directory}, served on the given port. */
  public static LocalEngineConfig h2File(String directory, int port) {
    return new LocalEngineConfig(
        "jdbc:h2:file:" + directory + "/engine;DB_CLOSE_ON_EXIT=FALSE",
        "sa",
        "",
        "127.0.0.1",
        port);
  }
}
