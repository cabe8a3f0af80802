package io.cityflow.engine;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the engine alone. Configuration comes from system properties or environment variables:
 * {@code engine.jdbc.url}/{@code ENGINE_JDBC_URL} (default: an H2 file under {@code
 * ./data/engine}), {@code engine.jdbc.user}/{@code ENGINE_JDBC_USER}, {@code
 * engine.jdbc.password}/{@code ENGINE_JDBC_PASSWORD}, {@code engine.host}/{@code ENGINE_HOST}
 * (default 127.0.0.1) and {@code engine.port}/{@code ENGINE_PORT} (default 8088).
 */
public final class LocalEngineMain {

  private LocalEngineMain() {}

  public static void main(String[] args) throws InterruptedException {
    LocalEngineConfig defaults = LocalEngineConfig.h2File("./data/engine", 8088);
    LocalEngineConfig config =
        new LocalEngineConfig(
            setting("engine.jdbc.url", "ENGINE_JDBC_URL", defaults.jdbcUrl()),
            setting("engine.jdbc.user", "ENGINE_JDBC_USER", defaults.username()),
            setting("engine.jdbc.password", "ENGINE_JDBC_PASSWORD", defaults.password()),
            setting("engine.host", "ENGINE_HOST", defaults.host()),
            Integer.parseInt(setting("engine.port", "ENGINE_PORT", "8088")));
    LocalEngine engine = LocalEngine.start(config);
    // Counted from the JVM's start, so that the JVM's own start is part of the figure.
    System.out.printf(
        "Local engine listening on %s (started in %d ms)%n",
        engine.restAddress(), ManagementFactory.getRuntimeMXBean().getUptime());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  engine.close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  private static String setting(String property, String variable, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
