package io.cityflow.engine;

import io.cityflow.engine.api.Engine;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow that stops and reopens the engine on the same database between its steps, run once on an
 * H2 file and once on PostgreSQL. Subclasses write the flow as a series of {@link #step}s.
 */
@ExtendWith(PostgresExtension.class)
abstract class RestartFlow {

  /** Runs the whole flow against one fresh database. */
  abstract void runFlow(LocalEngineConfig config);

  @Test
  void carriesOnAfterRestartsOnAnH2File(@TempDir Path directory) {
    runFlow(
        new LocalEngineConfig(
            "jdbc:h2:file:" + directory.resolve("engine"), "sa", "", "127.0.0.1", 0));
  }

  @Test
  void carriesOnAfterRestartsOnPostgres(PostgresDatabase database) {
    runFlow(
        new LocalEngineConfig(
            database.jdbcUrl(), database.user(), database.password(), "127.0.0.1", 0));
  }

  /** Starts an engine on the database, lets the work drive it, and stops it again. */
  static void step(LocalEngineConfig config, Consumer<Engine> work) {
    try (LocalEngine local = LocalEngine.start(config)) {
      work.accept(local.engine());
    }
  }
}
