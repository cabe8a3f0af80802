package io.cityflow.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files over HTTP: citizens upload photos and PDFs with a submission (multipart), staff of the
 * case's departments and the citizen with the tracking code download them, nobody else does; files
 * of the wrong type or size are refused and nothing is stored.
 */
@MicronautTest(transactional = false)
class AttachmentsTest {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13};
  static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.US_ASCII);

  @Inject
  @Client("/")
  HttpClient client;

  @Inject DataSource dataSource;
  @Inject JsonMapper json;

  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(client.toBlocking());
  }

  private long count(String table) throws Exception {
    try (var c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        var rs = c.createStatement().executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Api.Reply submitWithFiles(String key, Map<String, byte[]> files) throws Exception {
    MultipartBody.Builder body =
        MultipartBody.builder()
            .addPart("case", json.writeValueAsString(Api.hotlineTicket("water")));
    files.forEach(
        (name, bytes) ->
            body.addPart("attachments", name, MediaType.APPLICATION_OCTET_STREAM_TYPE, bytes));
    return api.send(
        HttpRequest.POST("/api/cases", body.build())
            .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
            .header("Idempotency-Key", key));
  }

  private List<Map<String, Object>> list(MutableHttpRequest<?> request) {
    return client
        .toBlocking()
        .retrieve(request, Argument.listOf(Argument.mapOf(String.class, Object.class)));
  }

  @SuppressWarnings("unchecked")
  private HttpResponse<byte[]> download(MutableHttpRequest<?> request) {
    try {
      return client.toBlocking().exchange(request, byte[].class);
    } catch (HttpClientResponseException e) {
      return (HttpResponse<byte[]>) (HttpResponse<?>) e.getResponse();
    }
  }

  @Test
  void aCitizenSubmitsWithAPhotoAndAPdfAndBothSidesCanDownloadThem() throws Exception {
    // when
    Api.Reply submitted =
        submitWithFiles(
            UUID.randomUUID().toString(),
            new java.util.LinkedHashMap<>(Map.of("pipe.png", PNG, "letter.pdf", PDF)));
    String ref = (String) submitted.body().get("reference");
    String code = (String) submitted.body().get("trackingCode");
    List<Map<String, Object>> mine =
        list(HttpRequest.GET("/api/cases/" + ref + "/attachments").header("X-Tracking-Code", code));
    String clerk = api.login("clerk.water", "demo-clerk");
    List<Map<String, Object>> theirs =
        list(HttpRequest.GET("/api/staff/cases/" + ref + "/attachments").bearerAuth(clerk));
    Map<String, Object> png =
        mine.stream().filter(a -> a.get("fileName").equals("pipe.png")).findFirst().orElseThrow();
    HttpResponse<byte[]> citizenCopy =
        download(
            HttpRequest.GET("/api/cases/" + ref + "/attachments/" + png.get("id"))
                .header("X-Tracking-Code", code));
    HttpResponse<byte[]> clerkCopy =
        download(
            HttpRequest.GET("/api/staff/cases/" + ref + "/attachments/" + png.get("id"))
                .bearerAuth(clerk));

    // then
    assertThat(submitted.status()).isEqualTo(201);
    assertThat(mine)
        .extracting(a -> a.get("fileName") + " " + a.get("contentType") + " " + a.get("by"))
        .containsExactlyInAnyOrder("pipe.png image/png you", "letter.pdf application/pdf you");
    assertThat(theirs).extracting(a -> a.get("by")).containsOnly("citizen");
    assertThat(citizenCopy.code()).isEqualTo(200);
    assertThat(citizenCopy.body()).isEqualTo(PNG);
    assertThat(citizenCopy.getContentType()).contains(MediaType.IMAGE_PNG_TYPE);
    assertThat(citizenCopy.header("Content-Disposition")).startsWith("attachment;");
    assertThat(clerkCopy.body()).isEqualTo(PNG);
  }

  @Test
  void aRetriedUploadStoresTheFilesOnce() throws Exception {
    String key = UUID.randomUUID().toString();
    long before = count("case_attachment");

    Api.Reply first = submitWithFiles(key, Map.of("pipe.png", PNG));
    Api.Reply retry = submitWithFiles(key, Map.of("pipe.png", PNG));

    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.body().get("reference")).isEqualTo(first.body().get("reference"));
    assertThat(count("case_attachment")).isEqualTo(before + 1);
  }

  @Test
  void aFileOfTheWrongTypeIsRefusedWhateverItsNameAndNothingIsStored() throws Exception {
    long cases = count("city_case");
    long files = count("case_attachment");
    byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};

    Api.Reply reply =
        submitWithFiles(
            UUID.randomUUID().toString(),
            new java.util.LinkedHashMap<>(Map.of("pipe.png", PNG, "photo.jpg", exe)));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat((String) reply.body().get("field")).startsWith("attachments[");
    assertThat(count("city_case")).isEqualTo(cases);
    assertThat(count("case_attachment")).isEqualTo(files);
  }

  @Test
  void anOversizedFileIsRefusedNamingItAndNothingIsStored() throws Exception {
    long cases = count("city_case");
    byte[] big = Arrays.copyOf(PDF, 5 * 1024 * 1024 + 1);

    Api.Reply reply = submitWithFiles(UUID.randomUUID().toString(), Map.of("scan.pdf", big));

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body()).containsEntry("field", "attachments[0]");
    assertThat((String) reply.body().get("detail")).contains("5242880");
    assertThat(count("city_case")).isEqualTo(cases);
  }

  @Test
  void moreThanFiveFilesAreRefused() throws Exception {
    Map<String, byte[]> six = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      six.put("p" + i + ".png", PNG);
    }

    Api.Reply reply = submitWithFiles(UUID.randomUUID().toString(), six);

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.body()).containsEntry("field", "attachments");
  }

  @Test
  void aMultipartSubmissionWithoutTheCasePartNamesIt() {
    MultipartBody body =
        MultipartBody.builder()
            .addPart("attachments", "pipe.png", MediaType.IMAGE_PNG_TYPE, PNG)
            .build();

    Api.Reply reply =
        api.send(
            HttpRequest.POST("/api/cases", body)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                .header("Idempotency-Key", UUID.randomUUID().toString()));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).containsEntry("field", "case");
  }

  @Test
  void nobodyElseCanListOrDownloadTheFiles() throws Exception {
    // given
    Api.Reply submitted = submitWithFiles(UUID.randomUUID().toString(), Map.of("pipe.png", PNG));
    String ref = (String) submitted.body().get("reference");
    String code = (String) submitted.body().get("trackingCode");
    String id =
        (String)
            list(HttpRequest.GET("/api/cases/" + ref + "/attachments")
                    .header("X-Tracking-Code", code))
                .get(0)
                .get("id");
    String otherCode = (String) api.submit(Api.hotlineTicket("water")).body().get("trackingCode");
    String trafficClerk = api.login("clerk.traffic", "demo-clerk");
    String owner = api.login("owner", "demo-owner");
    String file = "/attachments/" + id;

    // then
    assertThat(
            download(
                    HttpRequest.GET("/api/cases/" + ref + file)
                        .header("X-Tracking-Code", otherCode))
                .code())
        .isEqualTo(404);
    assertThat(download(HttpRequest.GET("/api/cases/" + ref + file)).code()).isEqualTo(400);
    assertThat(
            download(HttpRequest.GET("/api/staff/cases/" + ref + file).bearerAuth(trafficClerk))
                .code())
        .isEqualTo(404);
    assertThat(download(HttpRequest.GET("/api/staff/cases/" + ref + file).bearerAuth(owner)).code())
        .isEqualTo(403);
    assertThat(download(HttpRequest.GET("/api/staff/cases/" + ref + file)).code()).isEqualTo(401);
    assertThat(
            download(
                    HttpRequest.GET("/api/cases/" + ref + "/attachments/" + UUID.randomUUID())
                        .header("X-Tracking-Code", code))
                .code())
        .isEqualTo(404);
  }

  @Test
  void theAnswerToARequestForInformationCarriesFilesAsMultipart() throws Exception {
    // given a ticket the clerk asked about
    Api.Reply submitted = api.submit(Api.hotlineTicket("water"));
    String ref = (String) submitted.body().get("reference");
    String code = (String) submitted.body().get("trackingCode");
    String clerk = api.login("clerk.water", "demo-clerk");
    api.staffPost(clerk, "/api/staff/cases/" + ref + "/status", Map.of("status", "ROUTED"));
    api.staffPost(
        clerk,
        "/api/staff/cases/" + ref + "/information-requests",
        Map.of("question", "Please send a photo"));

    // when
    Api.Reply answered =
        api.send(
            HttpRequest.POST(
                    "/api/cases/" + ref + "/information",
                    MultipartBody.builder()
                        .addPart("text", "Here is the photo")
                        .addPart("attachments", "leak.png", MediaType.IMAGE_PNG_TYPE, PNG)
                        .build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                .header("X-Tracking-Code", code));

    // then
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.body()).containsEntry("status", "IN_PROGRESS");
    assertThat(list(HttpRequest.GET("/api/staff/cases/" + ref + "/attachments").bearerAuth(clerk)))
        .extracting(a -> a.get("fileName"))
        .containsExactly("leak.png");
  }
}
