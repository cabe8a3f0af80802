package io.cityflow.workflows.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Finds the model files of this module and the forms and docs beside it. Paths are module-relative.
 */
final class Models {
  static final Path BPMN = Path.of("bpmn");
  static final Path DMN = Path.of("dmn");
  static final Path FORMS = Path.of("..", "forms");
  static final Path PROCESS_DOCS = Path.of("..", "docs", "processes");

  private Models() {}

  /** The modules whose main code publishes messages to the engine. */
  static final Path FUNCTIONS = Path.of("..", "functions");

  private static String senderSources;

  static List<Path> bpmnFiles() {
    return list(BPMN, ".bpmn");
  }

  static List<Path> dmnFiles() {
    return list(DMN, ".dmn");
  }

  static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  static BpmnModelInstance readBpmn(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids of the decisions a DMN file defines. */
  static List<String> decisionIds(Path file) {
    return elements(file, "decision").stream().map(e -> e.getAttribute("id")).toList();
  }

  /** The ids of the rules of a DMN file's decision tables, in table order. */
  static List<String> ruleIds(Path file) {
    return elements(file, "rule").stream().map(e -> e.getAttribute("id")).toList();
  }

  private static List<Element> elements(Path file, String localName) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document = factory.newDocumentBuilder().parse(file.toFile());
      NodeList nodes = document.getElementsByTagNameNS("*", localName);
      return java.util.stream.IntStream.range(0, nodes.getLength())
          .mapToObj(i -> (Element) nodes.item(i))
          .toList();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** The keys of the input fields of a form (components without a key, such as text, skipped). */
  static List<String> formFieldKeys(Path form) {
    try {
      List<String> keys = new java.util.ArrayList<>();
      collectKeys(new ObjectMapper().readTree(form.toFile()), keys);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collectKeys(JsonNode container, List<String> keys) {
    for (JsonNode component : container.path("components")) {
      if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      }
      collectKeys(component, keys);
    }
  }

  /** The text of every main Java source under {@code functions/}, read once. */
  static synchronized String senderSources() {
    if (senderSources == null) {
      try (Stream<Path> files = Files.walk(FUNCTIONS)) {
        StringBuilder text = new StringBuilder();
        for (Path source :
            files
                .filter(p -> p.toString().endsWith(".java"))
                .filter(p -> p.toString().contains("src" + java.io.File.separator + "main"))
                .toList()) {
          text.append(Files.readString(source)).append('\n');
        }
        senderSources = text.toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return senderSources;
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
