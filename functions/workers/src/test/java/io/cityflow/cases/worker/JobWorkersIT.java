package io.cityflow.cases.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.cityflow.cases.AttachmentCatalog;
import io.cityflow.cases.AttachmentStore;
import io.cityflow.cases.CaseAttachments;
import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.NewAttachment;
import io.cityflow.cases.Priority;
import io.cityflow.cases.TimelineEntry;
import io.cityflow.cases.TimelineStore;
import io.cityflow.cases.certificate.CertificateVerification;
import io.cityflow.cases.notification.Mailbox;
import io.cityflow.cases.notification.MailboxMessage;
import io.cityflow.engine.LocalEngine;
import io.cityflow.engine.LocalEngineConfig;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import io.cityflow.workers.certificate.CertificatePdfs;
import io.cityflow.workflows.contract.JobTypes;
import io.micronaut.context.ApplicationContext;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job workers on real PostgreSQL, polled through the real Camunda client from the local engine
 * in this JVM. Each test deploys a process whose service task has the worker's job type and a last
 * task {@code test.capture} that hands the process's variables to the test.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobWorkersIT {
  private static final String CAPTURE = "test.capture";
  private static final String CITY = "https://zwfw.example.gov.cn";

  @TempDir static Path attachments;

  private PostgresDatabase database;
  private LocalEngine engine;
  private ApplicationContext app;
  private CamundaClient client;
  private JobWorker capture;
  private final Map<Long, CompletableFuture<Map<String, Object>>> captured =
      new ConcurrentHashMap<>();

  @BeforeAll
  void start(PostgresDatabase database) {
    this.database = database;
    engine =
        LocalEngine.start(
            new LocalEngineConfig(
                "jdbc:h2:mem:workers-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa",
                "",
                "127.0.0.1",
                0));
    Map<String, Object> config = new HashMap<>();
    config.put("datasources.default.url", database.jdbcUrl());
    config.put("datasources.default.username", database.user());
    config.put("datasources.default.password", database.password());
    config.put("datasources.default.dialect", "POSTGRES");
    config.put("flyway.datasources.default.enabled", true);
    config.put("cityflow.outbox.dispatcher.enabled", false);
    config.put("cityflow.workers.enabled", true);
    config.put("cityflow.camunda.rest-address", engine.restAddress().toString());
    config.put("cityflow.attachments.directory", attachments.toString());
    config.put("cityflow.public-base-url", CITY);
    app = ApplicationContext.run(config);
    client = app.getBean(CamundaClient.class);
    capture =
        client
            .newWorker()
            .jobType(CAPTURE)
            .handler(
                (jobClient, job) -> {
                  captured
                      .computeIfAbsent(job.getProcessInstanceKey(), k -> new CompletableFuture<>())
                      .complete(job.getVariablesAsMap());
                  jobClient.newCompleteCommand(job.getKey()).send().join();
                })
            .open();
  }

  @AfterAll
  void stop() {
    capture.close();
    app.close();
    engine.close();
  }

  private void deploy(BpmnModelInstance model, String name) {
    client.newDeployResourceCommand().addProcessModel(model, name).send().join();
  }

  /** Starts the process and waits until it reaches the capture task. */
  private Map<String, Object> run(String processId, Map<String, Object> variables)
      throws Exception {
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(variables)
            .send()
            .join()
            .getProcessInstanceKey();
    return captured.computeIfAbsent(key, k -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
  }

  private static BpmnModelInstance oneTask(String processId, String jobType) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .serviceTask("Task_UnderTest", t -> t.zeebeJobType(jobType))
        .serviceTask("Task_Capture", t -> t.zeebeJobType(CAPTURE))
        .endEvent()
        .done();
  }

  private CityCase citizenCase(CaseType type, String name, String phone, String category) {
    Instant now = Instant.now();
    CityCase c =
        new CityCase.Builder()
            .id(UUID.randomUUID())
            .reference(new CaseReference(2026, ThreadLocalRandom.current().nextLong(1, 999_999)))
            .type(type)
            .channel(Channel.APP)
            .contact(new CitizenContact(name, phone))
            .subject("A test case")
            .category(category)
            .departments(List.of("ADMIN_APPROVAL"))
            .priority(Priority.NORMAL)
            .status(CaseStatus.IN_PROGRESS)
            .formDataJson("{}")
            .trackingCodeHash("0".repeat(64))
            .submittedAt(now)
            .updatedAt(now)
            .slaDueAt(now.plusSeconds(86_400))
            .slaWarnAt(now.plusSeconds(43_200))
            .build();
    return app.getBean(CaseStore.class).insert(c);
  }

  private List<String> timeline(UUID caseId) {
    return app.getBean(TimelineStore.class).forCase(caseId).stream()
        .map(TimelineEntry::text)
        .toList();
  }

  @Test
  void everyJobTypeOfTheContractHasARegisteredWorker() throws Exception {
    List<String> contract =
        Arrays.stream(JobTypes.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(JobWorkersIT::value)
            .toList();

    List<String> registered =
        app.getBeansOfType(CaseJobWorker.class).stream().map(CaseJobWorker::jobType).toList();

    assertThat(registered).containsExactlyInAnyOrderElementsOf(contract);
    assertThat(app.getBean(JobWorkers.class).status())
        .containsOnlyKeys(contract)
        .doesNotContainValue(false);
  }

  private static String value(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anUnexpectedFailureFailsTheJobUntilAnIncidentShowsTheReason() throws Exception {
    // given a status update for a case that does not exist, with a single retry
    String unknown = UUID.randomUUID().toString();
    deploy(
        Bpmn.createExecutableProcess("test-failure")
            .startEvent()
            .serviceTask(
                "Task_UnderTest",
                t ->
                    t.zeebeJobType(JobTypes.CASES_UPDATE_STATUS)
                        .zeebeJobRetries("1")
                        .zeebeInputExpression("\"ROUTED\"", "status"))
            .endEvent()
            .done(),
        "failure.bpmn");

    // when
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("test-failure")
            .latestVersion()
            .variables(Map.of("caseId", unknown))
            .send()
            .join()
            .getProcessInstanceKey();

    // then the job failed without retries left: an incident names the missing case
    List<Incident> incidents = List.of();
    for (int i = 0; i < 150 && incidents.isEmpty(); i++) {
      Thread.sleep(200);
      incidents =
          client
              .newIncidentSearchRequest()
              .filter(f -> f.processInstanceKey(key))
              .send()
              .join()
              .items();
    }
    assertThat(incidents)
        .singleElement()
        .satisfies(incident -> assertThat(incident.getErrorMessage()).contains(unknown));
  }

  @Test
  void theNotifyCitizenModelDeliversToTheMailboxOrEndsAtUnreachable() throws Exception {
    // given the shared model, called as the processes call it
    client
        .newDeployResourceCommand()
        .addResourceFile(
            Path.of("../../workflows/bpmn/notify-citizen.bpmn").toAbsolutePath().toString())
        .send()
        .join();
    deploy(
        Bpmn.createExecutableProcess("test-notify")
            .startEvent()
            .callActivity(
                "Call_Notify",
                c ->
                    c.zeebeProcessId("notify-citizen")
                        .zeebeInputExpression("caseId", "caseId")
                        .zeebeInputExpression("template", "template")
                        .zeebeInputExpression("replyText", "replyText"))
            .serviceTask("Task_Capture", t -> t.zeebeJobType(CAPTURE))
            .endEvent()
            .done(),
        "test-notify.bpmn");
    CityCase reachable = citizenCase(CaseType.HOTLINE_TICKET, "李娜", "13800001234", "street-light");
    CityCase unreachable = citizenCase(CaseType.HOTLINE_TICKET, "王伟", null, "street-light");

    // when
    Map<String, Object> sent =
        run(
            "test-notify",
            Map.of(
                "caseId", reachable.id().toString(),
                "template", "TICKET_REPLY",
                "replyText", "The lamp was replaced."));
    Map<String, Object> notSent =
        run(
            "test-notify",
            Map.of(
                "caseId", unreachable.id().toString(),
                "template", "TICKET_REPLY",
                "replyText", "The lamp was replaced."));

    // then: the reachable citizen's notice is kept in the mailbox table
    assertThat(sent).containsEntry("citizenNotified", true);
    List<MailboxMessage> mailbox = app.getBean(Mailbox.class).latest(50);
    assertThat(mailbox)
        .filteredOn(m -> reachable.id().equals(m.caseId()))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.recipient()).contains("13800001234");
              assertThat(m.body()).contains(reachable.reference().toString(), "lamp was replaced");
            });
    // and the unreachable one took the error boundary: no notice, a timeline entry
    assertThat(notSent).doesNotContainKey("citizenNotified");
    assertThat(mailbox).noneMatch(m -> unreachable.id().equals(m.caseId()));
    assertThat(timeline(unreachable.id())).anyMatch(t -> t.contains("could not be notified"));
  }

  @Test
  void theDocumentCheckCountsTheFilesInTheCasesAttachmentCatalogue() throws Exception {
    deploy(oneTask("test-documents", JobTypes.APPROVALS_CHECK_DOCUMENTS), "documents.bpmn");
    CityCase c = citizenCase(CaseType.APPROVAL_APPLICATION, "Li Na", "13800001234", "other");
    byte[] pdf = "%PDF-1.4\n%test\n".getBytes(StandardCharsets.US_ASCII);
    app.getBean(CaseAttachments.class)
        .attach(
            c.id(),
            "attachments",
            List.of(
                new NewAttachment("id-card.pdf", pdf),
                new NewAttachment("Application Letter.pdf", pdf)),
            "citizen",
            TimelineEntry.ActorKind.CITIZEN,
            Instant.now());
    Map<String, Object> requirements =
        Map.of("requiredDocuments", List.of("id-card", "application-letter", "floor-plan"));

    Map<String, Object> out =
        run("test-documents", Map.of("caseId", c.id().toString(), "requirements", requirements));

    assertThat(out)
        .containsEntry("documentsComplete", false)
        .containsEntry("missingDocuments", List.of("floor-plan"));
  }

  @Test
  void aStatusReportFromACalledProcessKeepsTheCasesOwnInstanceKey() throws Exception {
    // given an application whose own process instance is known, and a called process (its id is
    // not the case type's) that reports on the application
    CityCase stored = citizenCase(CaseType.APPROVAL_APPLICATION, "Li Na", "13800001234", "other");
    CityCase c =
        app.getBean(CaseStore.class).update(stored.toBuilder().processInstanceKey(777L).build());
    deploy(oneTask("test-called-process", JobTypes.CASES_UPDATE_STATUS), "called.bpmn");

    // when the called process pauses the case
    run(
        "test-called-process",
        Map.of("caseId", c.id().toString(), "status", "WAITING_FOR_CITIZEN"));

    // then the status changed but the case still points at its own instance
    CityCase paused = app.getBean(CaseStore.class).findById(c.id()).orElseThrow();
    assertThat(paused.status()).isEqualTo(CaseStatus.WAITING_FOR_CITIZEN);
    assertThat(paused.processInstanceKey()).isEqualTo(777L);

    // and a report from the case type's own process records that instance
    deploy(
        oneTask(CaseType.APPROVAL_APPLICATION.processId(), JobTypes.CASES_UPDATE_STATUS),
        "own.bpmn");
    long own =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(CaseType.APPROVAL_APPLICATION.processId())
            .latestVersion()
            .variables(Map.of("caseId", c.id().toString(), "status", "IN_PROGRESS"))
            .send()
            .join()
            .getProcessInstanceKey();
    captured.computeIfAbsent(own, k -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
    CityCase resumed = app.getBean(CaseStore.class).findById(c.id()).orElseThrow();
    assertThat(resumed.status()).isEqualTo(CaseStatus.IN_PROGRESS);
    assertThat(resumed.processInstanceKey()).isEqualTo(own);
  }

  @Test
  void theCertificateIsStoredAsAPdfWhoseCodeVerifies() throws Exception {
    deploy(oneTask("test-certificate", JobTypes.APPROVALS_ISSUE_CERTIFICATE), "cert.bpmn");
    CityCase c = citizenCase(CaseType.APPROVAL_APPLICATION, "Li Na", "13800001234", "tree-felling");

    Map<String, Object> out =
        run("test-certificate", Map.of("caseId", c.id().toString(), "permitType", "tree-felling"));

    assertThat(out).containsEntry("certificateNumber", c.reference() + "-C");
    byte[] pdf =
        app.getBean(AttachmentStore.class)
            .get((String) out.get("certificateDocumentKey"))
            .orElseThrow();
    String text;
    try (PDDocument document = Loader.loadPDF(pdf)) {
      text = new PDFTextStripper().getText(document);
    }
    assertThat(text).contains(c.reference() + "-C", "Li Na", "tree-felling");
    Matcher code = Pattern.compile("[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}").matcher(text);
    assertThat(code.find()).isTrue();
    assertThat(app.getBean(CertificateVerification.class).verify(code.group()))
        .hasValueSatisfying(v -> assertThat(v.number()).isEqualTo(c.reference() + "-C"));
    try (Connection db = database.connect();
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "select code_hash from certificate where case_id = '" + c.id() + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).hasSize(64).doesNotContain(code.group());
    }
    // the document is among the case's files, once even when the job runs again
    Map<String, Object> retried =
        run("test-certificate", Map.of("caseId", c.id().toString(), "permitType", "tree-felling"));
    assertThat(retried).containsEntry("certificateDocumentKey", out.get("certificateDocumentKey"));
    assertThat(app.getBean(AttachmentCatalog.class).forCase(c.id()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.storageKey()).isEqualTo(out.get("certificateDocumentKey"));
              assertThat(a.fileName()).isEqualTo(c.reference() + "-C.pdf");
              assertThat(a.contentType()).isEqualTo("application/pdf");
              assertThat(a.size()).isEqualTo(pdf.length);
            });
  }

  @Test
  void theQrCodeOfAnIssuedCertificateOpensThePublicCheckOfItsCode() throws Exception {
    // given an approved application of a citizen with a Chinese name
    Path font = CertificatePdfs.installedCjkFont();
    deploy(oneTask("test-certificate-qr", JobTypes.APPROVALS_ISSUE_CERTIFICATE), "cert-qr.bpmn");
    CityCase c = citizenCase(CaseType.APPROVAL_APPLICATION, "王芳", "13800001235", "food");

    // when its certificate is issued
    Map<String, Object> out =
        run("test-certificate-qr", Map.of("caseId", c.id().toString(), "permitType", "食品经营许可证"));

    // then the stored PDF names the holder and the permit in Chinese, and its QR code is the
    // public check page of the code printed on it, which verifies this certificate
    byte[] pdf =
        app.getBean(AttachmentStore.class)
            .get((String) out.get("certificateDocumentKey"))
            .orElseThrow();
    String url = CertificatePdfs.decodeQr(pdf);
    assertThat(url).startsWith(CITY + "/verify.html?code=");
    String code = url.substring(url.indexOf("?code=") + "?code=".length());
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document))
          .as("set in %s", font)
          .contains("王芳", "食品经营许可证", code, url);
    }
    assertThat(app.getBean(CertificateVerification.class).verify(code))
        .hasValueSatisfying(v -> assertThat(v.number()).isEqualTo(c.reference() + "-C"));
  }

  @Test
  void theDeviceCaseIsOpenedOnceWithTheDecidedDeadline() throws Exception {
    deploy(oneTask("test-device", JobTypes.CASES_OPEN_DEVICE_CASE), "device.bpmn");
    Map<String, Object> alarm = OpenCaseWorkersTest.alarm("EMERGENCY", 1, "FIRE_RESCUE");
    alarm.put("alertedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());

    Map<String, Object> out = run("test-device", alarm);

    UUID caseId = UUID.fromString((String) out.get("caseId"));
    CityCase c = app.getBean(CaseStore.class).findById(caseId).orElseThrow();
    assertThat(c.type()).isEqualTo(CaseType.DEVICE_MAINTENANCE);
    assertThat(c.departments()).containsExactly("FIRE_RESCUE");
    assertThat(out).containsEntry("reference", c.reference().toString());
    assertThat(Instant.parse((String) out.get("slaDueAt")))
        .isEqualTo(Instant.parse((String) alarm.get("alertedAt")).plusSeconds(3600));

    // a retry of the same job finds the case instead of opening another
    OpenDeviceCaseWorker worker = app.getBean(OpenDeviceCaseWorker.class);
    Job retried = new Job(4242L, 1L, "test-process", alarm);
    assertThat(worker.handle(retried)).isEqualTo(worker.handle(retried));
    try (Connection db = database.connect();
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "select count(*) from workflow_opened_case where opening_key = 'job:4242'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void theDeviceIsLookedUpInTheDeviceRegistryAndATechnicianPickedByZone() throws Exception {
    // given the device-events module's own schema, as it runs in the shared database
    String schema =
        Files.readString(
            Path.of("../device-events/src/main/resources/db/devices/V1__device_registry.sql"));
    try (Connection db = database.connect()) {
      for (String statement : schema.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!statement.isBlank()) {
          db.createStatement().execute(statement);
        }
      }
      db.createStatement()
          .execute(
              "insert into device (id, type, location, zone, key_hash, registered_at)"
                  + " values ('water-station-0042', 'water-station', 'No. 3 Primary School',"
                  + " 'school', 'h', timestamp with time zone '2026-01-05 08:00:00+00')");
      db.createStatement()
          .execute(
              "insert into device_alarm (device_id, alarm_type, active, priority,"
                  + " raised_event_id, raised_at, last_event_id, last_event_at, repeat_count)"
                  + " values ('water-station-0042', 'leak', true, 'high', 'e1', now(), 'e1',"
                  + " now(), 0)");
    }
    deploy(oneTask("test-lookup", JobTypes.DEVICES_LOOKUP_DEVICE), "lookup.bpmn");
    deploy(oneTask("test-pick", JobTypes.DEVICES_PICK_TECHNICIAN), "pick.bpmn");
    CityCase c = citizenCase(CaseType.DEVICE_MAINTENANCE, null, null, "water-station:leak");

    Map<String, Object> looked = run("test-lookup", Map.of("deviceId", "water-station-0042"));
    Map<String, Object> picked =
        run(
            "test-pick",
            Map.of(
                "caseId", c.id().toString(),
                "zone", "school",
                "maintenance", Map.of("department", "WATER_SUPPLY")));

    @SuppressWarnings("unchecked")
    Map<String, Object> device = (Map<String, Object>) looked.get("device");
    assertThat(device)
        .containsEntry("zone", "school")
        .containsEntry("registeredAt", "2026-01-05T08:00:00Z")
        .containsEntry("activeAlarms", List.of("leak"));
    // nobody of the water utility covers schools, so a city-wide technician is proposed
    assertThat(picked).containsEntry("technician", "tech.water.any");
  }
}
