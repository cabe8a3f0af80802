package io.cityflow.infra.aws;

import io.cityflow.infra.aws.config.Artifacts;
import io.cityflow.infra.aws.config.EnvironmentConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * The CDK app: synthesizes the CityFlow stacks for dev and prod (or the one named by the context
 * value {@code env}). Run it through the CDK CLI ({@code cdk synth}, {@code cdk deploy}; see {@code
 * cdk.json}) or directly from Maven, offline, which writes {@value #OUT_DIR}; {@code
 * infra/aws/README.md} has the commands.
 *
 * <p>Context values (CDK CLI {@code -c key=value}, or {@code key=value} program arguments):
 *
 * <ul>
 *   <li>{@code env}: {@code dev}, {@code prod} or {@code all} (default)
 *   <li>{@code camundaRestAddress}: the Camunda cluster's REST address; without it the stacks use a
 *       placeholder and synthesis warns
 *   <li>{@code camundaTokenAudience}, {@code camundaAuthorizationServerUrl}: for Self-Managed
 *       clusters; the defaults are Camunda 8 SaaS's
 *   <li>{@code region}: the AWS region (default: the environment's, see {@link EnvironmentConfig})
 *   <li>{@code authDomainPrefix}: the Cognito sign-in domain prefix; the environment's name is
 *       appended (default {@code cityflow-<env>}, which may be taken in the region)
 *   <li>{@code alarmEmail}: where alarm notifications go
 *   <li>{@code webAssets}: a directory of static web pages to publish, relative to the repository
 *   <li>{@code placeholderArtifacts=true}: synthesize without built function artifacts, to review
 *       the templates; such an assembly must not be deployed
 * </ul>
 */
public final class InfraApp {

  /** Where a run outside the CDK CLI writes the cloud assembly, relative to the repository. */
  public static final String OUT_DIR = "infra/aws/target/cdk.out";

  /** Context every run gets, so that synthesis does not depend on CDK's changing defaults. */
  public static final Map<String, Object> DEFAULT_CONTEXT =
      Map.of("@aws-cdk/core:defaultCrossStackReferences", "strong");

  private InfraApp() {}

  public static void main(String[] args) {
    Map<String, Object> context = new HashMap<>();
    for (String arg : args) {
      // Maven passes all context values as one argument.
      for (String pair : arg.trim().split("\\s+")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          context.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    Path root = repositoryRoot(Path.of("").toAbsolutePath());
    Optional<Path> outdir =
        System.getenv("CDK_OUTDIR") == null ? Optional.of(root.resolve(OUT_DIR)) : Optional.empty();
    build(context, root, Optional.empty(), outdir).synth();
  }

  /**
   * The app with the stacks of the selected environments, not yet synthesized.
   *
   * @param artifacts the code to deploy; empty to take the repository's build output
   * @param outdir where synthesis writes; empty for the CDK CLI's choice
   */
  public static App build(
      Map<String, Object> context,
      Path root,
      Optional<Artifacts> artifacts,
      Optional<Path> outdir) {
    Map<String, Object> merged = new HashMap<>(DEFAULT_CONTEXT);
    merged.putAll(context);
    AppProps.Builder props = AppProps.builder().context(merged);
    outdir.ifPresent(dir -> props.outdir(dir.toString()));
    App app = new App(props.build());
    Artifacts code = artifacts.orElseGet(() -> artifacts(app, root));
    for (String name : environments(app)) {
      CityFlowDeployment.create(app, configure(app, EnvironmentConfig.named(name, code)));
    }
    return app;
  }

  /** The environment with the context's overrides applied. */
  static EnvironmentConfig configure(App app, EnvironmentConfig config) {
    EnvironmentConfig result = config;
    String address = context(app, "camundaRestAddress");
    if (address != null) {
      EnvironmentConfig.Camunda saas = EnvironmentConfig.Camunda.saas(address);
      String audience = context(app, "camundaTokenAudience");
      String authServer = context(app, "camundaAuthorizationServerUrl");
      result =
          result.withCamunda(
              new EnvironmentConfig.Camunda(
                  address,
                  audience != null ? audience : saas.tokenAudience(),
                  authServer != null ? authServer : saas.authorizationServerUrl()));
    }
    String region = context(app, "region");
    Optional<String> account = Optional.ofNullable(System.getenv("CDK_DEFAULT_ACCOUNT"));
    result = result.in(account, region != null ? region : result.region());
    String authDomain = context(app, "authDomainPrefix");
    if (authDomain != null) {
      result = result.withAuthDomainPrefix(authDomain + "-" + config.name());
    }
    String email = context(app, "alarmEmail");
    if (email != null) {
      result = result.withAlarmEmail(email);
    }
    return result;
  }

  private static List<String> environments(App app) {
    String env = context(app, "env");
    if (env == null || env.equals("all")) {
      return List.of("dev", "prod");
    }
    return List.of(env);
  }

  private static Artifacts artifacts(App app, Path root) {
    Optional<Path> web = Optional.ofNullable(context(app, "webAssets")).map(root::resolve);
    if ("true".equals(context(app, "placeholderArtifacts"))) {
      return placeholders(web);
    }
    Artifacts artifacts = Artifacts.fromRepository(root, web);
    List<String> missing = artifacts.missing();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Build the function modules first (./mvnw -DskipTests package), or pass"
              + " placeholderArtifacts=true to review the templates. Missing:\n  "
              + String.join("\n  ", missing));
    }
    return artifacts;
  }

  /** Stand-ins for every artifact, so that templates can be reviewed before anything is built. */
  private static Artifacts placeholders(Optional<Path> web) {
    try {
      Path dir = Files.createTempDirectory("cityflow-placeholder");
      Files.writeString(dir.resolve("README.txt"), "Placeholder: not deployable.\n");
      Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY README.txt /\n");
      return new Artifacts(dir, dir, dir, web);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The nearest directory at or above {@code start} with the parent POM and {@code functions/}. */
  public static Path repositoryRoot(Path start) {
    List<Path> tried = new ArrayList<>();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("functions"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      tried.add(dir);
    }
    throw new IllegalStateException("not inside the CityFlow repository: " + tried);
  }

  private static String context(App app, String key) {
    Object value = app.getNode().tryGetContext(key);
    return value == null ? null : value.toString();
  }
}
