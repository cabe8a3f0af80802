package io.cityflow.workers.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.notification.Mailbox;
import io.cityflow.cases.notification.MailboxMessage;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local mailbox on real PostgreSQL: notices survive a restart, a repeated notice key is kept
 * once, and {@code GET /local/mailbox} shows them only in the local environment.
 */
@ExtendWith(PostgresExtension.class)
class LocalMailboxIT {

  private static Map<String, Object> config(PostgresDatabase database) {
    Map<String, Object> config = new HashMap<>();
    config.put("datasources.default.url", database.jdbcUrl());
    config.put("datasources.default.username", database.user());
    config.put("datasources.default.password", database.password());
    config.put("datasources.default.dialect", "POSTGRES");
    config.put("flyway.datasources.default.enabled", true);
    config.put("cityflow.outbox.dispatcher.enabled", false);
    config.put("cityflow.workers.enabled", false);
    config.put("micronaut.server.port", -1);
    return config;
  }

  private static HttpResponse<String> get(EmbeddedServer server) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.getURL() + "/local/mailbox?limit=10")).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void keepsNoticesAcrossRestartsAndShowsThemOnlyLocally(PostgresDatabase database)
      throws Exception {
    // given a notice delivered twice under the same key by one run of the stack
    String key = "job:" + UUID.randomUUID();
    try (ApplicationContext first = ApplicationContext.run(config(database), "local")) {
      Mailbox mailbox = first.getBean(Mailbox.class);
      MailboxMessage message =
          new MailboxMessage(
              UUID.randomUUID(),
              key,
              null,
              "sms",
              "李娜 <13800001234>",
              "TICKET_REPLY",
              "Reply to your request YC-2026-000001",
              "The lamp was replaced.",
              Instant.parse("2026-03-02T02:00:00Z"));
      mailbox.deliver(message);
      mailbox.deliver(
          new MailboxMessage(
              UUID.randomUUID(),
              key,
              null,
              "sms",
              message.recipient(),
              message.template(),
              message.subject(),
              message.body(),
              Instant.now()));
    }

    // when the stack starts again, locally
    try (EmbeddedServer server =
        ApplicationContext.run(EmbeddedServer.class, config(database), "local")) {
      HttpResponse<String> response = get(server);

      // then the notice is there, once
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .contains("\"subject\":\"Reply to your request YC-2026-000001\"")
          .contains("13800001234");
      assertThat(response.body().split("Reply to your request YC-2026-000001", -1)).hasSize(2);
    }

    // and outside the local environment there is no such endpoint
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, config(database))) {
      assertThat(get(server).statusCode()).isEqualTo(404);
    }
  }
}
