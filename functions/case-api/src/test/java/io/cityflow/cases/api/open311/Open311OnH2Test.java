package io.cityflow.cases.api.open311;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local stack's default database is H2: a report posted over Open311 is stored and read back
 * there too (the queries and the migration are portable SQL). {@code Open311IT} covers the rest on
 * PostgreSQL.
 */
@MicronautTest(transactional = false)
class Open311OnH2Test {
  @Inject
  @Client("/")
  HttpClient client;

  @Inject Open311Keys keys;
  @Inject JsonMapper json;

  @Test
  void aReportPostedOverOpen311IsReadBackOnH2() throws Exception {
    // given
    String apiKey = keys.issue("H2 partner", "admin").apiKey();
    String form =
        "api_key="
            + apiKey
            + "&service_code=hotline_road&lat=38.47&long=106.22"
            + "&first_name=Na&last_name=Li&phone=13912345678"
            + "&description=A+deep+pothole+in+the+cycle+lane"
            + "&attribute%5Bdistrict%5D=XIXIA_DISTRICT";

    // when
    String posted =
        client
            .toBlocking()
            .retrieve(
                HttpRequest.POST("/api/public/open311/v2/requests.json", form)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    String id =
        (String)
            json.readValue(posted, Argument.listOf(Argument.mapOf(String.class, Object.class)))
                .get(0)
                .get("service_request_id");
    String read =
        client
            .toBlocking()
            .retrieve("/api/public/open311/v2/requests.json?service_code=hotline_road");
    List<Map<String, Object>> requests =
        json.readValue(read, Argument.listOf(Argument.mapOf(String.class, Object.class)));

    // then
    assertThat(requests)
        .filteredOn(r -> id.equals(r.get("service_request_id")))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("status", "open")
                    .containsEntry("address", "38.470000, 106.220000")
                    .containsEntry("agency_responsible", "Municipal Facilities Management Office"));
  }
}
