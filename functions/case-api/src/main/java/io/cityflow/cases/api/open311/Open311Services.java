package io.cityflow.cases.api.open311;

import io.cityflow.cases.CaseType;
import io.cityflow.cases.FormSchema;
import io.cityflow.cases.StartForms;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Open311 services: one per category of the start forms of the case types people report
 * (hotline tickets and community service requests), so that a partner picks "Street lights" as
 * FixMyStreet users do, not "hotline ticket". Each service's attributes are the start form's other
 * questions. Approvals need an identity number, documents and a declaration, and answer with a
 * certificate, so they stay on the city's own portal; device cases are opened by the devices.
 */
@Singleton
class Open311Services {
  /** The case types offered, and the prefix of their service codes. */
  static final Map<CaseType, String> OFFERED =
      Map.of(CaseType.HOTLINE_TICKET, "hotline", CaseType.COMMUNITY_SERVICE_REQUEST, "community");

  /**
   * Start-form keys that GeoReport carries as standard parameters, and which parameter. The
   * category is the service itself.
   */
  static final Map<String, String> STANDARD_PARAMETERS =
      Map.of(
          "category", "service_code",
          "description", "description",
          "address", "address_string",
          "contactName", "first_name",
          "contactPhone", "phone");

  /** Start-form fields that a partner may leave out although the form requires them. */
  static final Set<String> DERIVED_WHEN_MISSING = Set.of("subject");

  private final Map<String, Service> services = new LinkedHashMap<>();

  Open311Services(StartForms startForms, JsonMapper json, Open311Settings settings) {
    for (CaseType type : List.of(CaseType.HOTLINE_TICKET, CaseType.COMMUNITY_SERVICE_REQUEST)) {
      Optional<FormSchema> schema = startForms.startForm(type);
      if (schema.isEmpty()) {
        continue;
      }
      FormText text = FormText.read(json, type.processId() + "-start");
      String group = type == CaseType.HOTLINE_TICKET ? "City hotline" : "Community services";
      List<Attribute> attributes = attributes(schema.get(), text);
      for (Map.Entry<String, String> option : text.options("category").entrySet()) {
        String code = OFFERED.get(type) + "_" + option.getKey();
        boolean listed =
            type == CaseType.HOTLINE_TICKET
                && settings.listedCategories().contains(option.getKey());
        services.put(
            code,
            new Service(
                code,
                option.getValue(),
                text.intro() + (listed ? "" : " Requests of this service are not public."),
                group,
                type,
                option.getKey(),
                listed,
                schema.get(),
                attributes));
      }
    }
  }

  List<Service> all() {
    return List.copyOf(services.values());
  }

  Optional<Service> find(String code) {
    return Optional.ofNullable(code == null ? null : services.get(code));
  }

  /** The codes of the services whose requests anyone may read. */
  List<String> listedCodes() {
    return services.values().stream().filter(Service::listed).map(Service::code).toList();
  }

  private static List<Attribute> attributes(FormSchema schema, FormText text) {
    List<Attribute> attributes = new ArrayList<>();
    for (FormSchema.Field field : schema.fields()) {
      if (STANDARD_PARAMETERS.containsKey(field.key()) || field.type().equals("filepicker")) {
        continue; // files travel as media_url, never as attribute values
      }
      attributes.add(
          new Attribute(
              field,
              datatype(field.type()),
              field.required() && !DERIVED_WHEN_MISSING.contains(field.key()),
              attributes.size() + 1,
              text.label(field.key()),
              text.options(field.key())));
    }
    return attributes;
  }

  /** The GeoReport datatype of a form-js component. */
  static String datatype(String formType) {
    return switch (formType) {
      case "textarea" -> "text";
      case "number" -> "number";
      case "datetime" -> "datetime";
      case "select", "radio", "checkbox" -> "singlevaluelist";
      case "checklist", "taglist" -> "multivaluelist";
      default -> "string";
    };
  }

  /**
   * One service.
   *
   * @param category the value of the start form's category field that the service stands for
   * @param listed whether anyone may read its requests (otherwise only the partner that sent one)
   */
  record Service(
      String code,
      String name,
      String description,
      String group,
      CaseType type,
      String category,
      boolean listed,
      FormSchema form,
      List<Attribute> attributes) {

    Optional<Attribute> attribute(String code) {
      return attributes.stream().filter(a -> a.code().equals(code)).findFirst();
    }
  }

  /**
   * A start-form field offered as a service attribute.
   *
   * @param values the choices, value to label; for a checkbox {@code true} and {@code false}
   */
  record Attribute(
      FormSchema.Field field,
      String datatype,
      boolean required,
      int order,
      String description,
      Map<String, String> values) {
    String code() {
      return field.key();
    }

    /** How to fill it in, for {@code datatype_description}. */
    String datatypeDescription() {
      List<String> rules = new ArrayList<>();
      if (field.minLength() != null) {
        rules.add("at least " + field.minLength() + " characters");
      }
      if (field.maxLength() != null) {
        rules.add("at most " + field.maxLength() + " characters");
      }
      if (field.pattern() != null) {
        rules.add("matching " + field.pattern().pattern());
      }
      if (field.min() != null) {
        rules.add("at least " + field.min().toPlainString());
      }
      if (field.max() != null) {
        rules.add("at most " + field.max().toPlainString());
      }
      if (field.type().equals("datetime")) {
        rules.add("ISO 8601 " + (field.subtype() == null ? "date" : field.subtype()));
      }
      if (DERIVED_WHEN_MISSING.contains(field.key())) {
        rules.add("the start of the description when left out");
      }
      return rules.isEmpty() ? null : String.join(", ", rules);
    }
  }

  /** The human text of a start form: labels, choice labels, and the introduction. */
  record FormText(
      String intro, Map<String, String> labels, Map<String, Map<String, String>> choices) {

    static FormText read(JsonMapper json, String formId) {
      String resource = "forms/" + formId + ".form";
      try (InputStream in = Open311Services.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("no start form " + resource + " on the classpath");
        }
        Map<String, Object> root =
            json.readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
        FormText text = new FormText("", new LinkedHashMap<>(), new LinkedHashMap<>());
        return text.collect(root);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }

    String label(String key) {
      return labels.getOrDefault(key, key);
    }

    Map<String, String> options(String key) {
      return choices.getOrDefault(key, Map.of());
    }

    private FormText collect(Map<?, ?> node) {
      FormText text = this;
      if (!(node.get("components") instanceof List<?> components)) {
        return text;
      }
      for (Object o : components) {
        if (!(o instanceof Map<?, ?> c)) {
          continue;
        }
        Object key = c.get("key");
        if ("text".equals(c.get("type")) && text.intro.isEmpty() && c.get("text") != null) {
          text = new FormText(plain(String.valueOf(c.get("text"))), labels, choices);
        }
        if (key != null && c.get("label") != null) {
          labels.put(String.valueOf(key), String.valueOf(c.get("label")));
        }
        if (key != null && c.get("values") instanceof List<?> values) {
          Map<String, String> options = new LinkedHashMap<>();
          for (Object v : values) {
            if (v instanceof Map<?, ?> option && option.get("value") != null) {
              options.put(
                  String.valueOf(option.get("value")),
                  String.valueOf(
                      option.get("label") == null ? option.get("value") : option.get("label")));
            }
          }
          choices.put(String.valueOf(key), options);
        }
        if (key != null && "checkbox".equals(c.get("type"))) {
          Map<String, String> yesNo = new LinkedHashMap<>();
          yesNo.put("true", "Yes");
          yesNo.put("false", "No");
          choices.put(String.valueOf(key), yesNo);
        }
        text = text.collect(c);
      }
      return text;
    }

    /** Markdown headings and line breaks of the form's introduction, as one plain sentence. */
    private static String plain(String markdown) {
      return markdown.replaceAll("(?m)^#+\\s*", "").replaceAll("\\s*\\n+\\s*", ". ").trim();
    }
  }
}
