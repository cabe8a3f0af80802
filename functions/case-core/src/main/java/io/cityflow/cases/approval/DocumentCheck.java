package io.cityflow.cases.approval;

import io.cityflow.cases.AttachmentCatalog;
import io.cityflow.cases.CaseAttachment;
import io.cityflow.cases.CaseNotFound;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CityCase;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Checks an application's documents against the list the approval-requirements decision gives
 * (document types such as {@code id-card} or {@code floor-plan}). A document counts as supplied
 * when a file in the case's attachment catalogue (attached with the application or later) or an
 * entry of the start form's {@code documents} names its type: {@code ID card front.jpg} supplies
 * {@code id-card}. Matching ignores case, spaces and underscores.
 */
@Singleton
public class DocumentCheck {
  private final CaseStore cases;
  private final AttachmentCatalog attachments;
  private final JsonMapper json;

  public DocumentCheck(CaseStore cases, AttachmentCatalog attachments, JsonMapper json) {
    this.cases = cases;
    this.attachments = attachments;
    this.json = json;
  }

  /**
   * The required document types the case does not have yet, in the order required.
   *
   * @throws CaseNotFound for an unknown case
   */
  public List<String> missing(UUID caseId, Collection<String> required) {
    CityCase c = cases.findById(caseId).orElseThrow(() -> new CaseNotFound(caseId.toString()));
    List<String> supplied = new ArrayList<>(formDocuments(c.formDataJson()));
    attachments.forCase(caseId).stream().map(CaseAttachment::fileName).forEach(supplied::add);
    return missing(required, supplied);
  }

  /**
   * The rule itself: the required types that no supplied name (file name or document type)
   * contains, in the order required.
   */
  public static List<String> missing(Collection<String> required, Collection<String> supplied) {
    List<String> names = supplied.stream().map(DocumentCheck::normalise).toList();
    return required.stream()
        .filter(type -> names.stream().noneMatch(name -> name.contains(normalise(type))))
        .toList();
  }

  /** Names from the form's {@code documents}: strings, or objects with a type or a file name. */
  private List<String> formDocuments(String formDataJson) {
    if (formDataJson == null || formDataJson.isBlank()) {
      return List.of();
    }
    Object documents;
    try {
      documents = json.readValue(formDataJson, Map.class).get("documents");
    } catch (IOException e) {
      return List.of();
    }
    if (!(documents instanceof List<?> list)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof String s) {
        names.add(s);
      } else if (item instanceof Map<?, ?> m) {
        for (String key : List.of("documentType", "type", "name", "fileName")) {
          if (m.get(key) instanceof String s) {
            names.add(s);
          }
        }
      }
    }
    return names;
  }

  static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
  }
}
