package io.cityflow.cases.api.open311;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.api.PostgresServers;
import io.cityflow.testsupport.Forms;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Open311 GeoReport v2 endpoint over HTTP on PostgreSQL: the catalogue from the start forms,
 * requests from a partner in JSON and XML, their status without personal data, retries, the privacy
 * of non-public services, and bad input that changes nothing.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311IT {
  private static final String V2 = "/api/public/open311/v2";
  private static final JsonMapper JSON = JsonMapper.createDefault();

  private final PostgresDatabase database;
  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedServer server;
  private JsonMapper json;
  private String apiKey;
  private String otherPartnerKey;

  Open311IT(PostgresDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void start() throws Exception {
    server = PostgresServers.start(database);
    json = server.getApplicationContext().getBean(JsonMapper.class);
    apiKey = issueKey("FixMyStreet Yinchuan");
    otherPartnerKey = issueKey("Another partner");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- the catalogue

  @Test
  void listsOneServicePerReportableCategoryInJsonAndXml() throws Exception {
    // when
    Reply services = get(V2 + "/services.json?jurisdiction_id=yinchuan.gov.cn");
    Reply xml = get(V2 + "/services.xml");

    // then every hotline and community category is a service; approvals and devices are not
    List<Map<String, Object>> list = services.list();
    assertThat(services.status()).isEqualTo(200);
    assertThat(services.contentType()).startsWith("application/json");
    assertThat(list).hasSize(25 + 5);
    assertThat(list)
        .allSatisfy(
            s -> assertThat((String) s.get("service_code")).matches("(hotline|community)_[a-z-]+"));
    Map<String, Object> lights = byCode(list, "hotline_street-light");
    assertThat(lights)
        .containsEntry("service_name", "Street lights")
        .containsEntry("group", "City hotline")
        .containsEntry("type", "realtime")
        .containsEntry("metadata", true);
    assertThat(byCode(list, "community_home-repair")).containsEntry("group", "Community services");
    Document document = xml(xml);
    assertThat(xml.contentType()).startsWith("application/xml");
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("services");
    assertThat(document.getElementsByTagName("service").getLength()).isEqualTo(30);
  }

  @Test
  void definesAServiceByItsStartFormsQuestions() throws Exception {
    // when
    Reply hotline = get(V2 + "/services/hotline_water.json");
    Reply community = get(V2 + "/services/community_elderly-care.xml");

    // then the form's own questions are attributes, in form order, with the form's choices
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> attributes =
        (List<Map<String, Object>>) hotline.object().get("attributes");
    assertThat(hotline.object()).containsEntry("service_code", "hotline_water");
    assertThat(attributes).extracting(a -> a.get("code")).containsExactly("subject", "district");
    assertThat(attributes.get(0))
        .containsEntry("datatype", "string")
        .containsEntry("required", false)
        .containsEntry("order", 1)
        .containsEntry("description", "Short summary");
    assertThat(attributes.get(1))
        .containsEntry("datatype", "singlevaluelist")
        .containsEntry("required", true)
        .containsEntry("order", 2);
    assertThat(attributes.get(1).get("values"))
        .asList()
        .contains(Map.of("key", "JINFENG_DISTRICT", "name", "Jinfeng District"));
    Document xml = xml(community);
    assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_definition");
    List<String> codes = texts(xml, "code");
    assertThat(codes).containsExactly("community", "subject", "preferredTime");
    assertThat(texts(xml, "datatype"))
        .containsExactly("singlevaluelist", "string", "singlevaluelist");
    assertThat(texts(xml, "key")).contains("XQ_LIQUN", "MORNING");
  }

  @Test
  void anUnknownServiceOrJurisdictionIsNotFound() throws Exception {
    Reply unknown = get(V2 + "/services/hotline_unicorns.json");
    Reply unknownXml = get(V2 + "/services/hotline_unicorns.xml");
    Reply otherCity = get(V2 + "/services.json?jurisdiction_id=elsewhere.gov");
    Reply approval = get(V2 + "/services/approval_building-permit.json");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).isEqualTo("application/problem+json");
    assertThat(unknown.object()).containsEntry("field", "service_code");
    assertThat(unknownXml.status()).isEqualTo(404);
    assertThat(texts(xml(unknownXml), "code")).containsExactly("404");
    assertThat(otherCity.status()).isEqualTo(404);
    assertThat(otherCity.object()).containsEntry("field", "jurisdiction_id");
    assertThat(approval.status()).isEqualTo(404);
  }

  // --- new requests and their status

  @Test
  void aPartnerSubmitsARequestThatBecomesACaseAndReadsItsStatusWithoutPersonalData()
      throws Exception {
    // given
    long casesBefore = count("select count(*) from city_case");

    // when a partner posts a street-light report with the reporter's details and a photo link
    Reply posted = post(V2 + "/requests.json", streetLight("Lamp out on Beijing Road"), null);

    // then a case exists, queued at the street-lights department, with the form's answers
    assertThat(posted.status()).isEqualTo(201);
    String id = (String) posted.list().get(0).get("service_request_id");
    assertThat(id).matches("YC-\\d{4}-\\d{6}");
    assertThat((String) posted.list().get(0).get("service_notice"))
        .contains("Municipal Facilities Management Office");
    assertThat(posted.headers().firstValue("Idempotent-Replayed")).hasValue("false");
    assertThat(count("select count(*) from city_case")).isEqualTo(casesBefore + 1);
    Map<String, Object> row =
        row(
            "select c.channel, c.category, c.contact_name, c.contact_phone, c.address, c.latitude,"
                + " c.form_data, c.subject, r.service_code, r.media_url,"
                + " (select count(*) from outbox_command o where o.case_id = c.id) as commands"
                + " from city_case c join open311_request r on r.case_id = c.id"
                + " where c.reference = '"
                + id
                + "'");
    assertThat(row)
        .containsEntry("channel", "APP")
        .containsEntry("category", "street-light")
        .containsEntry("contact_name", "Na Li")
        .containsEntry("contact_phone", "13912345678")
        .containsEntry("address", "Beijing Road 100, Jinfeng")
        .containsEntry("latitude", 38.4872)
        .containsEntry("subject", "Lamp out on Beijing Road")
        .containsEntry("service_code", "hotline_street-light")
        .containsEntry("media_url", "https://fixmystreet.example/photo/42.jpeg")
        .containsEntry("commands", 1L);
    assertThat((String) row.get("form_data")).contains("JINFENG_DISTRICT");

    // when anyone reads it, and when the partner reads it with its key
    Reply anyone = get(V2 + "/requests/" + id + ".json");
    Reply partner = get(V2 + "/requests/" + id + ".json?api_key=" + apiKey);

    // then it is open at its department, with no name, phone or e-mail; the description only
    // for the partner that sent it
    Map<String, Object> request = anyone.list().get(0);
    assertThat(request)
        .containsEntry("service_request_id", id)
        .containsEntry("status", "open")
        .containsEntry("service_code", "hotline_street-light")
        .containsEntry("service_name", "Street lights")
        .containsEntry("agency_responsible", "Municipal Facilities Management Office")
        .containsEntry("address", "Beijing Road 100, Jinfeng")
        .containsEntry("lat", 38.4872)
        .containsEntry("long", 106.2309)
        .containsEntry("media_url", "https://fixmystreet.example/photo/42.jpeg")
        .containsKeys("requested_datetime", "updated_datetime", "expected_datetime")
        .doesNotContainKey("description");
    assertThat((String) request.get("requested_datetime")).endsWith("+08:00");
    assertThat(partner.list().get(0))
        .containsEntry("description", "The street lamp outside number 100 has been dark all week");
    for (Reply reply : List.of(anyone, partner)) {
      assertThat(reply.body())
          .doesNotContain("Na Li", "13912345678", "reporter@example.com", "device-7");
    }
  }

  @Test
  void fixMyStreetsXmlRoundTripWorks() throws Exception {
    // when a report is posted and read in XML
    Reply posted = post(V2 + "/requests.xml", streetLight("Flickering lamp by the school"), null);
    Document answer = xml(posted);
    String id = texts(answer, "service_request_id").get(0);
    Document read = xml(get(V2 + "/requests/" + id + ".xml?jurisdiction_id=yinchuan.gov.cn"));

    // then
    assertThat(posted.status()).isEqualTo(201);
    assertThat(answer.getDocumentElement().getTagName()).isEqualTo("service_requests");
    assertThat(read.getDocumentElement().getTagName()).isEqualTo("service_requests");
    assertThat(texts(read, "status")).containsExactly("open");
    assertThat(texts(read, "agency_responsible"))
        .containsExactly("Municipal Facilities Management Office");
    assertThat(texts(read, "lat")).containsExactly("38.4872");
  }

  @Test
  void aRetryOfTheSamePostCreatesNoSecondCase() throws Exception {
    // given
    Map<String, String> params = streetLight("Lamp out near the bus stop");
    Reply first = post(V2 + "/requests.json", params, null);
    long before = count("select count(*) from city_case");

    // when the partner retries, without a key and then with one
    Reply again = post(V2 + "/requests.json", params, null);
    String key = UUID.randomUUID().toString();
    Reply keyed = post(V2 + "/requests.json", streetLight("Another lamp out"), key);
    Reply keyedAgain = post(V2 + "/requests.json", streetLight("Another lamp out"), key);
    long afterKeyed = count("select count(*) from city_case");
    Reply sameKeyOtherBody = post(V2 + "/requests.json", streetLight("Third lamp out"), key);

    // then
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.list().get(0).get("service_request_id"))
        .isEqualTo(first.list().get(0).get("service_request_id"));
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(keyedAgain.list()).isEqualTo(keyed.list());
    assertThat(afterKeyed).isEqualTo(before + 1);
    assertThat(sameKeyOtherBody.status()).isEqualTo(409);
    assertThat(sameKeyOtherBody.object()).containsEntry("field", "Idempotency-Key");
    assertThat(count("select count(*) from city_case")).isEqualTo(afterKeyed);
    assertThat(count("select count(*) from open311_request"))
        .isEqualTo(count("select count(*) from city_case where channel = 'APP'"));
  }

  @Test
  void badInputIsRefusedNamingTheParameterAndChangesNothing() throws Exception {
    // given
    String before = state();
    Map<String, String> noLocation = lampOutWithout("lat", "long", "address_string");
    Map<String, String> latOnly = lampOutWithout("long");
    Map<String, String> badDistrict = lampOutWith("attribute[district]", "MARS");
    Map<String, String> unknownAttribute = lampOutWith("attribute[colour]", "red");
    Map<String, String> badPhone = lampOutWith("phone", "call me");
    Map<String, String> shortDescription = lampOutWith("description", "dark");
    Map<String, String> unknownService = lampOutWith("service_code", "hotline_unicorns");
    Map<String, String> wrongKey = lampOutWith("api_key", "o311_not-a-key");
    Map<String, String> noKey = lampOutWithout("api_key");
    Map<String, String> otherCity = lampOutWith("jurisdiction_id", "elsewhere.gov");
    Map<String, String> badUrl = lampOutWith("media_url", "file:///etc/passwd");
    Map<String, String> oversized = lampOutWith("description", "x".repeat(70_000));

    // when / then
    assertRefused(post(V2 + "/requests.json", noLocation, null), 400, "address_string");
    assertRefused(post(V2 + "/requests.json", latOnly, null), 400, "long");
    assertRefused(post(V2 + "/requests.json", badDistrict, null), 400, "attribute[district]");
    assertRefused(post(V2 + "/requests.json", unknownAttribute, null), 400, "attribute[colour]");
    assertRefused(post(V2 + "/requests.json", badPhone, null), 400, "phone");
    assertRefused(post(V2 + "/requests.json", shortDescription, null), 400, "description");
    assertRefused(post(V2 + "/requests.json", unknownService, null), 404, "service_code");
    assertRefused(post(V2 + "/requests.json", wrongKey, null), 403, "api_key");
    assertRefused(post(V2 + "/requests.json", noKey, null), 403, "api_key");
    assertRefused(post(V2 + "/requests.json", otherCity, null), 404, "jurisdiction_id");
    assertRefused(post(V2 + "/requests.json", badUrl, null), 400, "media_url");
    assertRefused(post(V2 + "/requests.json", oversized, null), 413, "body");
    assertRefused(
        postRaw(V2 + "/requests.json", "api_key=" + apiKey + "&service_code=%zz"), 400, "body");
    Reply xmlError = post(V2 + "/requests.xml", badDistrict, null);
    assertThat(xmlError.status()).isEqualTo(400);
    assertThat(xmlError.contentType()).startsWith("application/xml");
    assertThat(texts(xml(xmlError), "code")).containsExactly("400");
    assertThat(texts(xml(xmlError), "description").get(0)).startsWith("attribute[district]:");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void severalProblemsAreReportedTogether() throws Exception {
    Map<String, String> params = streetLight("Lamp out");
    params.put("attribute[district]", "MARS");
    params.put("phone", "123");

    Reply reply = post(V2 + "/requests.json", params, null);

    assertThat(reply.status()).isEqualTo(400);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) reply.object().get("errors");
    assertThat(errors).extracting(e -> e.get("field")).contains("attribute[district]", "phone");
    assertThat(errors).allSatisfy(e -> assertThat(e).containsEntry("code", 400));
  }

  @Test
  void privateServicesAndOtherChannelsAreNotListedButThePartnerFollowsItsOwn() throws Exception {
    // given a community request (about someone's home) from the partner, and a public one
    Reply care = post(V2 + "/requests.json", elderlyCare(), null);
    String careId = (String) care.list().get(0).get("service_request_id");
    String lampId =
        (String)
            post(V2 + "/requests.json", streetLight("Lamp out at the park gate"), null)
                .list()
                .get(0)
                .get("service_request_id");

    // when
    Reply publicList = get(V2 + "/requests.json");
    Reply partnerList = get(V2 + "/requests.json?api_key=" + apiKey);
    Reply otherPartner = get(V2 + "/requests/" + careId + ".json?api_key=" + otherPartnerKey);
    Reply anyone = get(V2 + "/requests/" + careId + ".json");
    Reply own = get(V2 + "/requests/" + careId + ".json?api_key=" + apiKey);

    // then
    assertThat(ids(publicList)).contains(lampId).doesNotContain(careId);
    assertThat(ids(partnerList)).contains(lampId, careId);
    assertThat(otherPartner.status()).isEqualTo(404);
    assertThat(anyone.status()).isEqualTo(404);
    assertThat(anyone.object()).containsEntry("field", "service_request_id");
    assertThat(own.list().get(0))
        .containsEntry("agency_responsible", "Smart Community Service Centre");
  }

  @Test
  void filtersByIdsServiceDatesAndStatus() throws Exception {
    // given two reports, one of them closed by the department
    String open =
        id(
            post(
                V2 + "/requests.json",
                service("hotline_water", "Hydrant leaking on Wenhua Street"),
                null));
    String done =
        id(
            post(
                V2 + "/requests.json",
                service("hotline_water", "Water main burst on Jiefang Street"),
                null));
    String clerk = login("clerk.water", "demo-clerk");
    assertThat(
            staffPost(
                clerk,
                "/api/staff/cases/" + done + "/status",
                Map.of("status", "ROUTED", "reason", "ours")))
        .isEqualTo(200);
    assertThat(
            staffPost(
                clerk,
                "/api/staff/cases/" + done + "/resolution",
                Map.of("outcome", "REPAIRED", "reason", "The main was repaired overnight.")))
        .isEqualTo(200);

    // when
    Reply byIds = get(V2 + "/requests.json?service_request_id=" + open + "," + done);
    Reply water = get(V2 + "/requests.json?service_code=hotline_water");
    Reply closed = get(V2 + "/requests.json?service_code=hotline_water&status=closed");
    Reply openOnly = get(V2 + "/requests.json?service_code=hotline_water&status=open");
    Reply future =
        get(V2 + "/requests.json?start_date=2099-01-01T00:00:00Z&end_date=2099-02-01T00:00:00Z");
    Reply paged = get(V2 + "/requests.json?service_code=hotline_water&page_size=1&page=2");

    // then
    assertThat(ids(byIds)).containsExactlyInAnyOrder(open, done);
    assertThat(ids(water)).contains(open, done);
    assertThat(water.list())
        .allSatisfy(r -> assertThat(r).containsEntry("service_code", "hotline_water"));
    assertThat(ids(closed)).contains(done).doesNotContain(open);
    Map<String, Object> doneRequest =
        closed.list().stream()
            .filter(r -> done.equals(r.get("service_request_id")))
            .findFirst()
            .orElseThrow();
    assertThat(doneRequest)
        .containsEntry("status", "closed")
        .containsEntry("status_notes", "REPAIRED: The main was repaired overnight.")
        .containsEntry("agency_responsible", "Municipal Water Supply Company")
        .doesNotContainKey("expected_datetime");
    assertThat(ids(openOnly)).contains(open).doesNotContain(done);
    assertThat(future.list()).isEmpty();
    assertThat(paged.list()).hasSize(1);
  }

  @Test
  void badQueriesAndUnknownRequestsAreRefused() throws Exception {
    assertRefused(get(V2 + "/requests.json?start_date=yesterday"), 400, "start_date");
    assertRefused(
        get(V2 + "/requests.json?start_date=2026-01-01&end_date=2026-12-01"), 400, "start_date");
    assertRefused(get(V2 + "/requests.json?status=pending"), 400, "status");
    assertRefused(get(V2 + "/requests.json?service_code=hotline_unicorns"), 400, "service_code");
    assertRefused(get(V2 + "/requests.json?page_size=5000"), 400, "page_size");
    assertRefused(get(V2 + "/requests.json?api_key=o311_wrong"), 403, "api_key");
    assertRefused(get(V2 + "/requests/YC-2026-999999.json"), 404, "service_request_id");
    assertRefused(get(V2 + "/requests/not-a-reference.json"), 404, "service_request_id");
    Reply xml = get(V2 + "/requests/YC-2026-999999.xml");
    assertThat(xml.status()).isEqualTo(404);
    assertThat(texts(xml(xml), "code")).containsExactly("404");
  }

  @Test
  void portalCasesAreNeverShownOverOpen311() throws Exception {
    // given a hotline ticket from the city's own portal
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "HOTLINE_TICKET");
    body.put("channel", "WEB");
    body.put("contact", Map.of("name", "李娜", "phone", "13912345678"));
    body.put("subject", "Lamp out on Ningan Street");
    body.put("description", "The lamp is dark since Monday evening");
    body.put("category", "street-light");
    body.put("location", Map.of("address", "Ningan Street 5"));
    body.put("formData", Map.of("district", "XINGQING_DISTRICT"));
    HttpResponse<String> submitted =
        http.send(
            HttpRequest.newBuilder(uri("/api/cases"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String reference =
        (String)
            json.readValue(submitted.body(), Argument.mapOf(String.class, Object.class))
                .get("reference");

    // then it is neither readable nor listed
    assertThat(get(V2 + "/requests/" + reference + ".json?api_key=" + apiKey).status())
        .isEqualTo(404);
    assertThat(ids(get(V2 + "/requests.json?api_key=" + apiKey))).doesNotContain(reference);
  }

  @Test
  void onlyAdministratorsManageKeysAndARevokedKeyStopsWorking() throws Exception {
    // given
    String admin = login("admin", "demo-admin");
    String clerk = login("clerk.water", "demo-clerk");
    String key = issueKey("Short-lived partner");
    Map<String, String> params = streetLight("Lamp out by the river");
    params.put("api_key", key);

    // when
    HttpResponse<String> listed = staffGet(admin, "/api/admin/open311/keys");
    int clerkIssues = staffPost(clerk, "/api/admin/open311/keys", Map.of("clientName", "x"));
    int clerkLists = staffGet(clerk, "/api/admin/open311/keys").statusCode();
    String keyId =
        json
            .readValue(listed.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)))
            .stream()
            .filter(k -> "Short-lived partner".equals(k.get("clientName")))
            .map(k -> (String) k.get("id"))
            .findFirst()
            .orElseThrow();
    int revoked = staffDelete(admin, "/api/admin/open311/keys/" + keyId);
    int revokedAgain = staffDelete(admin, "/api/admin/open311/keys/" + keyId);
    String before = state();
    Reply afterRevoking = post(V2 + "/requests.json", params, null);

    // then the list shows no key itself, and a revoked key is refused and creates nothing
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(key).contains(key.substring(0, 10));
    assertThat(clerkIssues).isEqualTo(403);
    assertThat(clerkLists).isEqualTo(403);
    assertThat(revoked).isEqualTo(204);
    assertThat(revokedAgain).isEqualTo(404);
    assertRefused(afterRevoking, 403, "api_key");
    assertThat(state()).isEqualTo(before);
    assertThat(count("select count(*) from open311_api_key where key_hash like 'o311%'")).isZero();
  }

  // --- requests

  private Map<String, String> streetLight(String subject) {
    Map<String, String> params = service("hotline_street-light", subject);
    params.put("description", "The street lamp outside number 100 has been dark all week");
    return params;
  }

  /** A valid street-light report with one parameter set to something else. */
  private Map<String, String> lampOutWith(String name, String value) {
    Map<String, String> params = streetLight("Lamp out");
    params.put(name, value);
    return params;
  }

  /** A valid street-light report without some of its parameters. */
  private Map<String, String> lampOutWithout(String... names) {
    Map<String, String> params = streetLight("Lamp out");
    for (String name : names) {
      params.remove(name);
    }
    return params;
  }

  private Map<String, String> service(String code, String subject) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("api_key", apiKey);
    params.put("jurisdiction_id", "yinchuan.gov.cn");
    params.put("service_code", code);
    params.put("lat", "38.4872");
    params.put("long", "106.2309");
    params.put("address_string", "Beijing Road 100, Jinfeng");
    params.put("email", "reporter@example.com");
    params.put("device_id", "device-7");
    params.put("first_name", "Na");
    params.put("last_name", "Li");
    params.put("phone", "+86 139 1234 5678");
    params.put("description", subject + ": reported by a resident walking past");
    params.put("media_url", "https://fixmystreet.example/photo/42.jpeg");
    params.put("attribute[subject]", subject);
    params.put("attribute[district]", "JINFENG_DISTRICT");
    return params;
  }

  private Map<String, String> elderlyCare() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("api_key", apiKey);
    params.put("service_code", "community_elderly-care");
    params.put("address_string", "Building 3, unit 2, flat 402");
    params.put("first_name", "Wang");
    params.put("phone", "13812345678");
    params.put("description", "My father needs help with shopping twice a week");
    params.put("attribute[community]", "JF_MANCHUN");
    params.put("attribute[preferredTime]", "MORNING");
    return params;
  }

  private Reply post(String path, Map<String, String> params, String idempotencyKey)
      throws Exception {
    String body = Forms.urlEncoded(params);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return reply(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private Reply postRaw(String path, String body) throws Exception {
    return reply(
        http.send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  private Reply get(String path) throws Exception {
    return reply(
        http.send(
            HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString()));
  }

  private Reply reply(HttpResponse<String> response) {
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        response.headers());
  }

  private String login(String username, String password) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(
                            Map.of("username", username, "password", password))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return (String)
        json.readValue(response.body(), Argument.mapOf(String.class, Object.class))
            .get("access_token");
  }

  private String issueKey(String clientName) throws Exception {
    String admin = login("admin", "demo-admin");
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/api/admin/open311/keys"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + admin)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("clientName", clientName))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return (String)
        json.readValue(response.body(), Argument.mapOf(String.class, Object.class)).get("apiKey");
  }

  private int staffPost(String token, String path, Map<String, Object> body) throws Exception {
    return http.send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private HttpResponse<String> staffGet(String token, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int staffDelete(String token, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + server.getPort() + path);
  }

  // --- checks

  private void assertRefused(Reply reply, int status, String parameter) throws Exception {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.object()).containsEntry("status", status).containsEntry("field", parameter);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) reply.object().get("errors");
    assertThat(errors.get(0)).containsEntry("code", status).containsKey("description");
  }

  /** Everything a refused request must leave as it was. */
  private String state() throws Exception {
    return count("select count(*) from city_case")
        + "/"
        + count("select count(*) from case_timeline")
        + "/"
        + count("select count(*) from outbox_command")
        + "/"
        + count("select count(*) from idempotency_key")
        + "/"
        + count("select count(*) from open311_request");
  }

  private long count(String sql) throws Exception {
    try (Connection c = database.connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Map<String, Object> row(String sql) throws Exception {
    try (Connection c = database.connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      assertThat(rs.next()).as("a row for " + sql).isTrue();
      Map<String, Object> row = new HashMap<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
      }
      return row;
    }
  }

  private static Map<String, Object> byCode(List<Map<String, Object>> services, String code) {
    return services.stream()
        .filter(s -> code.equals(s.get("service_code")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no service " + code));
  }

  private static List<String> ids(Reply reply) throws Exception {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.list().stream().map(r -> (String) r.get("service_request_id")).toList();
  }

  private static String id(Reply reply) throws Exception {
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return (String) reply.list().get(0).get("service_request_id");
  }

  private static Document xml(Reply reply) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(reply.body().getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> texts(Document document, String tag) {
    NodeList nodes = document.getElementsByTagName(tag);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(((Element) nodes.item(i)).getTextContent());
    }
    return texts;
  }

  private record Reply(
      int status, String contentType, String body, java.net.http.HttpHeaders headers) {
    List<Map<String, Object>> list() throws Exception {
      return JSON.readValue(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    Map<String, Object> object() throws Exception {
      return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
    }
  }
}
