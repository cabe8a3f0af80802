package io.cityflow.infra.aws;

import java.nio.file.Path;
import java.util.List;

/**
 * Every entry class the deployment starts, with the module that builds it and the artifact that
 * carries it. This is the only place in the CDK app that names classes of the function modules, so
 * that renaming one there means changing one line here.
 */
public final class Handlers {

  /** A Maven module of the repository and the deployable artifact it builds. */
  public record FunctionModule(String path, String artifact) {

    /** The module's directory relative to the repository root, e.g. {@code functions/case-api}. */
    public Path directory(Path repositoryRoot) {
      return repositoryRoot.resolve(path);
    }

    /** The built artifact relative to the repository root. */
    public Path artifactPath(Path repositoryRoot) {
      return directory(repositoryRoot).resolve(artifact);
    }
  }

  /** An entry class and the module it must be built into. */
  public record Handler(String className, FunctionModule module) {}

  public static final FunctionModule CASE_API_MODULE =
      new FunctionModule("functions/case-api", "target/case-api-lambda.jar");

  public static final FunctionModule DEVICE_EVENTS_MODULE =
      new FunctionModule("functions/device-events", "target/device-events-lambda.jar");

  /** The workers ship as a container image built from the Dockerfile in the module directory. */
  public static final FunctionModule WORKERS_MODULE =
      new FunctionModule("functions/workers", "Dockerfile");

  /** Micronaut's API Gateway proxy function (payload format 1.0) serving the whole HTTP API. */
  public static final Handler CASE_API =
      new Handler("io.cityflow.cases.api.function.CaseApiFunction", CASE_API_MODULE);

  /** SQS batch handler for device events; answers with partial batch failures. */
  public static final Handler DEVICE_EVENTS_SQS =
      new Handler("io.cityflow.devices.function.SqsDeviceEventFunction", DEVICE_EVENTS_MODULE);

  /** Scheduled check that raises the offline alarm of devices whose heartbeat is overdue. */
  public static final Handler HEARTBEAT_CHECK =
      new Handler("io.cityflow.devices.function.HeartbeatFunction", DEVICE_EVENTS_MODULE);

  /** The main class of the workers' container: job workers and the outbox dispatcher (planned). */
  public static final Handler WORKERS_MAIN =
      new Handler("io.cityflow.workers.WorkersMain", WORKERS_MODULE);

  public static final List<Handler> ALL =
      List.of(CASE_API, DEVICE_EVENTS_SQS, HEARTBEAT_CHECK, WORKERS_MAIN);

  private Handlers() {}

  /** The handler with this class name, as the synthesized templates name it. */
  public static Handler byClassName(String className) {
    return ALL.stream()
        .filter(handler -> handler.className().equals(className))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a known handler: " + className));
  }
}
