package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The citizen's notice language (docs/adr/0023-citizen-notice-language.md) is taken in with the
 * case and stored on it, on a real PostgreSQL database.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitizenNoticeLanguageIT {
  private PostgresDatabase database;
  private PostgresServers.Running app;
  private Api api;

  @BeforeAll
  void start(PostgresDatabase database) {
    this.database = database;
    app = PostgresServers.startWithClient(database);
    api = app.api();
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void storesTheLanguageTheCitizenSubmittedIn() throws Exception {
    for (String language : new String[] {"en", "zh-CN"}) {
      // given
      Map<String, Object> body = Api.hotlineTicket("water");
      body.put("language", language);

      // when
      Api.Reply reply = api.submit(body);

      // then
      assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
      assertThat(storedLanguage((String) reply.body().get("reference"))).isEqualTo(language);
    }
  }

  @Test
  void aCaseWithoutALanguageHasNone() throws Exception {
    Api.Reply reply = api.submit(Api.hotlineTicket("water"));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    assertThat(storedLanguage((String) reply.body().get("reference"))).isNull();
  }

  @Test
  void anUnknownLanguageIsAProblemThatStoresNothing() throws Exception {
    for (String language : new String[] {"fr", "EN", "zh", ""}) {
      // given
      long before = count("select count(*) from city_case");
      long commandsBefore = count("select count(*) from outbox_command");
      Map<String, Object> body = Api.hotlineTicket("water");
      body.put("language", language);

      // when
      Api.Reply reply = api.submit(body);

      // then
      assertThat(reply.status()).as("%s: %s", language, reply.body()).isEqualTo(400);
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
      assertThat(reply.body().toString()).contains("language");
      assertThat(count("select count(*) from city_case")).isEqualTo(before);
      assertThat(count("select count(*) from outbox_command")).isEqualTo(commandsBefore);
    }
  }

  private String storedLanguage(String reference) throws Exception {
    try (Connection db = database.connect();
        PreparedStatement statement =
            db.prepareStatement("select language from city_case where reference = ?")) {
      statement.setString(1, reference);
      try (ResultSet rs = statement.executeQuery()) {
        assertThat(rs.next()).as("case %s stored", reference).isTrue();
        return rs.getString(1);
      }
    }
  }

  private long count(String sql) throws Exception {
    try (Connection db = database.connect();
        ResultSet rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
