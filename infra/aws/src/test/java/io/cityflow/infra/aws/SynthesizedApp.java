package io.cityflow.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cityflow.infra.aws.config.Artifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The app as {@link InfraApp} builds it, with dev and prod, synthesized once per test run and
 * shared by every test class: synthesis is the slow part. The function code is a small placeholder
 * directory under {@code target/}, so no function module has to be built.
 */
public final class SynthesizedApp {

  /** The alarm address the app is synthesized with, to check the subscription. */
  public static final String ALARM_EMAIL = "city-ops@example.org";

  /** The Camunda address the app is synthesized with. */
  public static final String CAMUNDA_ADDRESS = "https://sin-1.zeebe.camunda.io/test-cluster";

  /** The public address the app is synthesized with, for the certificates' QR codes. */
  public static final String PUBLIC_BASE_URL = "https://zwfw.yinchuan.example.org";

  /** The verified sender the app is synthesized with, to check the SES grant. */
  public static final String NOTIFY_EMAIL_FROM = "notices@yinchuan.example.org";

  /** How long certificates are valid, by permit type, in the app it synthesizes. */
  public static final String CERTIFICATE_VALIDITY = "tree-felling=12,*=none";

  private static CloudAssembly assembly;
  private static final Map<String, Template> TEMPLATES = new ConcurrentHashMap<>();

  private SynthesizedApp() {}

  /** The template of a stack, e.g. {@code template("dev", "Api")}. */
  public static Template template(String environment, String stack) {
    return TEMPLATES.computeIfAbsent(
        stackName(environment, stack), name -> Template.fromJSON(templateJson(name)));
  }

  public static String stackName(String environment, String stack) {
    return "CityFlow-" + environment + "-" + stack;
  }

  /** The names of every synthesized stack. */
  public static List<String> stackNames() {
    List<String> names = new ArrayList<>();
    assembly().getStacks().forEach(stack -> names.add(stack.getStackName()));
    return names;
  }

  /**
   * The artifacts (stacks and asset manifests) a stack depends on, by id, from the assembly's
   * manifest. (Asking jsii for the dependency objects would cache the stacks under a supertype.)
   */
  public static List<String> dependencies(String stackName) {
    try {
      JsonNode manifest =
          new ObjectMapper().readTree(Path.of(assembly().getDirectory(), "manifest.json").toFile());
      List<String> ids = new ArrayList<>();
      manifest
          .path("artifacts")
          .path(stackName)
          .path("dependencies")
          .forEach(id -> ids.add(id.asText()));
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> templateJson(String stackName) {
    return (Map<String, Object>) assembly().getStackByName(stackName).getTemplate();
  }

  private static synchronized CloudAssembly assembly() {
    if (assembly == null) {
      Path target = Path.of("target").toAbsolutePath();
      Artifacts artifacts = placeholderArtifacts(target.resolve("test-artifacts"));
      App app =
          InfraApp.build(
              Map.of(
                  "alarmEmail",
                  ALARM_EMAIL,
                  "camundaRestAddress",
                  CAMUNDA_ADDRESS,
                  "notifyEmailFrom",
                  NOTIFY_EMAIL_FROM,
                  "fireBrigadePhone",
                  "+869510119",
                  "publicBaseUrl",
                  PUBLIC_BASE_URL,
                  "certificateValidity",
                  CERTIFICATE_VALIDITY,
                  "certificateExpiryReminderDays",
                  "45"),
              InfraApp.repositoryRoot(target),
              Optional.of(artifacts),
              Optional.of(target.resolve("test-cdk.out")));
      assembly = app.synth();
    }
    return assembly;
  }

  private static Artifacts placeholderArtifacts(Path dir) {
    try {
      Path lambda = Files.createDirectories(dir.resolve("lambda"));
      Files.writeString(lambda.resolve("placeholder.txt"), "not a function\n");
      Path workers = Files.createDirectories(dir.resolve("workers"));
      Files.writeString(workers.resolve("Dockerfile"), "FROM scratch\n");
      Path web = Files.createDirectories(dir.resolve("web"));
      Files.writeString(web.resolve("index.html"), "<!doctype html><title>CityFlow</title>\n");
      return new Artifacts(lambda, lambda, workers, Optional.of(web));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
