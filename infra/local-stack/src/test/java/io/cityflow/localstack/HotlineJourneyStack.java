package io.cityflow.localstack;

import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * For journeys over HTTP through the hotline ticket: one stack per test class on the test's own
 * PostgreSQL database, started by {@link TestStacks#startForHotline} and closed after the last
 * test.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HotlineJourneyStack {
  /** How long a journey waits for the stack to catch up (outbox, engine, workers). */
  protected static final Duration PATIENCE = Duration.ofSeconds(60);

  protected final PostgresDatabase database;
  protected final HttpClient http = HttpClient.newHttpClient();
  protected LocalStack stack;
  protected JsonMapper json;
  private final String attachments;

  /** A stack that keeps its attachments in the given folder. */
  protected HotlineJourneyStack(PostgresDatabase database, String attachments) {
    this.database = database;
    this.attachments = attachments;
  }

  @BeforeAll
  void start() throws IOException {
    stack = TestStacks.startForHotline(database, attachments);
    json = stack.bean(JsonMapper.class);
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /** A path of the stack's HTTP API. */
  protected URI url(String path) {
    return stack.apiUrl().resolve(URI.create(path));
  }
}
