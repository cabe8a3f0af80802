package io.cityflow.localstack;

import io.cityflow.cases.ProcessModels;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the platform's own forms, decision tables and process models (the {@code forms/}, {@code
 * dmn/} and {@code bpmn/} folders of the class path) when the local stack starts, so that a fresh
 * stack takes cases at once. The engine keeps the version of an unchanged resource, so a restart
 * deploys nothing new; a model a process owner deployed later stays the latest until the shipped
 * file changes.
 */
@Singleton
@Requires(property = "cityflow.demo.models.enabled", value = "true")
class DemoModels {
  private static final Logger LOG = LoggerFactory.getLogger(DemoModels.class);

  /** Forms and decisions first: the models refer to them. */
  private static final List<String> FOLDERS = List.of("forms", "dmn", "bpmn");

  private final ProcessModels models;

  DemoModels(ProcessModels models) {
    this.models = models;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    int count = 0;
    for (String folder : FOLDERS) {
      for (Map.Entry<String, byte[]> resource : resources(folder).entrySet()) {
        models.deploy(resource.getKey(), resource.getValue());
        count++;
      }
    }
    LOG.info("Deployed the shipped models: {} resources", count);
  }

  /** The files directly in a class-path folder, by name, from directories and jars alike. */
  static Map<String, byte[]> resources(String folder) {
    Map<String, byte[]> found = new TreeMap<>();
    try {
      for (URL url : Collections.list(DemoModels.class.getClassLoader().getResources(folder))) {
        URI uri = url.toURI();
        if (uri.getScheme().equals("jar")) {
          read(jarFileSystem(uri).getPath(folder), found);
        } else {
          read(Path.of(uri), found);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped " + folder, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  private static FileSystem jarFileSystem(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      return FileSystems.getFileSystem(uri);
    }
  }

  private static void read(Path directory, Map<String, byte[]> found) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        found.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
  }
}
