package io.cityflow.infra.aws.config;

import io.cityflow.infra.aws.Handlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the deployable code comes from. The stacks never look for build output themselves: the app
 * passes the built artifacts of the repository, and tests pass small placeholders.
 *
 * @param caseApiCode the case API Lambda code: a jar or a directory
 * @param deviceEventsCode the device-events Lambda code: a jar or a directory
 * @param workersImage a directory with a {@code Dockerfile} that builds the workers' image
 * @param webAssets the static web pages to publish, if any
 */
public record Artifacts(
    Path caseApiCode, Path deviceEventsCode, Path workersImage, Optional<Path> webAssets) {

  /** The artifacts the Maven build produces in the repository at {@code repositoryRoot}. */
  public static Artifacts fromRepository(Path repositoryRoot, Optional<Path> webAssets) {
    return new Artifacts(
        Handlers.CASE_API_MODULE.artifactPath(repositoryRoot),
        Handlers.DEVICE_EVENTS_MODULE.artifactPath(repositoryRoot),
        Handlers.WORKERS_MODULE.directory(repositoryRoot),
        webAssets);
  }

  /** What is missing on disk, one line per artifact; empty when everything is in place. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (!Files.exists(caseApiCode)) {
      missing.add("case API code: " + caseApiCode);
    }
    if (!Files.exists(deviceEventsCode)) {
      missing.add("device-events code: " + deviceEventsCode);
    }
    if (!Files.isRegularFile(workersImage.resolve("Dockerfile"))) {
      missing.add("workers Dockerfile: " + workersImage.resolve("Dockerfile"));
    }
    webAssets
        .filter(path -> !Files.isDirectory(path))
        .ifPresent(path -> missing.add("web assets: " + path));
    return missing;
  }
}
