package io.cityflow.cases.api.open311;

import io.cityflow.cases.CaseIntake;
import io.cityflow.cases.Channel;
import io.cityflow.cases.CitizenContact;
import io.cityflow.cases.FormSchema;
import io.cityflow.cases.Location;
import io.cityflow.cases.Priority;
import io.cityflow.cases.SubmissionReceipt;
import io.cityflow.cases.SubmitCase;
import io.cityflow.cases.api.open311.Open311Services.Attribute;
import io.cityflow.cases.api.open311.Open311Services.Service;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a GeoReport "POST service request" into a case through the same intake as the portal: the
 * start form's rules, the idempotency keys, the outbox. The partner and the photo link are kept
 * beside the case in the same transaction.
 */
@Singleton
public class Open311Intake {
  /**
   * The parameters GeoReport defines for a new request; anything else but attributes is refused.
   */
  static final Set<String> PARAMETERS =
      Set.of(
          "api_key",
          "jurisdiction_id",
          "service_code",
          "lat",
          "long",
          "address_string",
          "address_id",
          "email",
          "device_id",
          "account_id",
          "first_name",
          "last_name",
          "phone",
          "description",
          "media_url");

  private static final Pattern ATTRIBUTE =
      Pattern.compile("attribute\\[([^\\]]{1,80})\\](\\[\\])?");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");

  private final CaseIntake intake;
  private final Open311Services services;
  private final JdbcOperations jdbc;
  private final JsonMapper json;
  private final Clock clock;

  Open311Intake(
      CaseIntake intake,
      Open311Services services,
      JdbcOperations jdbc,
      JsonMapper json,
      Clock clock) {
    this.intake = intake;
    this.services = services;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** A request checked for shape, ready for the intake. */
  record Checked(
      Service service,
      SubmitCase submission,
      Map<String, Object> formData,
      String mediaUrl,
      String requestHash) {}

  /**
   * Checks a request's parameters for everything the start form does not know about: the service,
   * the location, the parameters' shape and the attribute types. Every problem is reported at once.
   */
  Checked check(Map<String, List<String>> parameters) {
    List<Open311Failure.Error> errors = new ArrayList<>();
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
      Matcher m = ATTRIBUTE.matcher(p.getKey());
      if (m.matches()) {
        attributes.computeIfAbsent(m.group(1), k -> new ArrayList<>()).addAll(p.getValue());
      } else if (!PARAMETERS.contains(p.getKey())) {
        errors.add(error(p.getKey(), "is not a parameter of a service request"));
      } else if (p.getValue().size() > 1) {
        errors.add(error(p.getKey(), "may be given only once"));
      }
    }
    String code = one(parameters, "service_code");
    if (code == null) {
      throw new Open311Failure(HttpStatus.BAD_REQUEST, "service_code", "is required");
    }
    Service service =
        services
            .find(code)
            .orElseThrow(
                () ->
                    new Open311Failure(
                        HttpStatus.NOT_FOUND, "service_code", "there is no service " + code));
    Location location = location(parameters, errors);
    Map<String, Object> formData = new LinkedHashMap<>();
    String subject = null;
    for (Map.Entry<String, List<String>> a : attributes.entrySet()) {
      String name = "attribute[" + a.getKey() + "]";
      Attribute attribute = service.attribute(a.getKey()).orElse(null);
      if (attribute == null) {
        errors.add(error(name, "is not an attribute of the service " + code));
        continue;
      }
      Object value = value(attribute.field(), a.getValue(), name, errors);
      if (value == null) {
        continue;
      }
      if (a.getKey().equals("subject")) {
        subject = (String) value;
      } else {
        formData.put(a.getKey(), value);
      }
    }
    String description = one(parameters, "description");
    if (subject == null && description != null) {
      subject = subjectFrom(description);
    }
    String mediaUrl = mediaUrl(one(parameters, "media_url"), errors);
    String email = one(parameters, "email");
    if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
      errors.add(error("email", "is not an e-mail address"));
    }
    for (String free : List.of("device_id", "account_id", "address_id")) {
      String value = one(parameters, free);
      if (value != null && value.length() > 200) {
        errors.add(error(free, "may be at most 200 characters"));
      }
    }
    if (!errors.isEmpty()) {
      throw new Open311Failure(HttpStatus.BAD_REQUEST, errors);
    }
    String name =
        String.join(
                " ", nonNull(one(parameters, "first_name")), nonNull(one(parameters, "last_name")))
            .trim();
    SubmitCase submission =
        new SubmitCase(
            service.type(),
            Channel.APP,
            new CitizenContact(name.isEmpty() ? null : name, phone(one(parameters, "phone"))),
            subject,
            description,
            service.category(),
            location,
            Priority.NORMAL,
            write(formData),
            // GeoReport v2 has no language: notices about partners' cases come in both (ADR 0023).
            null);
    Map<String, List<String>> canonical = new TreeMap<>(parameters);
    canonical.remove("api_key");
    String requestHash = sha256("open311\n" + write(canonical));
    return new Checked(service, submission, formData, mediaUrl, requestHash);
  }

  /**
   * Submits a checked request. The intake's key is the partner's {@code Idempotency-Key} when it
   * sends one; otherwise the request itself: the same partner sending the same parameters again
   * within the idempotency window gets the first answer, which is what a retry wants.
   */
  @Transactional
  public SubmissionReceipt submit(
      Open311Keys.Client partner, Checked request, String idempotencyKey) {
    String key =
        "open311:"
            + partner.id()
            + ":"
            + (idempotencyKey == null
                ? "request:" + request.requestHash()
                : "key:" + sha256(idempotencyKey));
    SubmissionReceipt receipt =
        intake.submitForm(
            key, request.requestHash(), request.submission(), request.formData(), List.of());
    if (!receipt.replayed()) {
      jdbc.prepareStatement(
          "INSERT INTO open311_request (case_id, api_key_id, service_code, media_url, received_at)"
              + " VALUES (?, ?, ?, ?, ?)",
          statement -> {
            statement.setObject(1, receipt.caseId());
            statement.setObject(2, partner.id());
            statement.setString(3, request.service().code());
            statement.setString(4, request.mediaUrl());
            statement.setObject(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            return statement.executeUpdate();
          });
    }
    return receipt;
  }

  /**
   * How the intake names a start-form field, as the GeoReport parameter that carries it.
   *
   * @param intakeField {@code formData.district}, {@code contact.phone}, ...
   */
  static String parameterOf(String intakeField) {
    if (intakeField == null) {
      return null;
    }
    if (intakeField.startsWith("formData.")) {
      return "attribute[" + intakeField.substring("formData.".length()) + "]";
    }
    return switch (intakeField) {
      case "subject" -> "attribute[subject]";
      case "category", "type" -> "service_code";
      case "location.address" -> "address_string";
      case "contact.name" -> "first_name";
      case "contact.phone" -> "phone";
      case "location", "location.latitude" -> "lat";
      case "location.longitude" -> "long";
      default -> intakeField;
    };
  }

  private static Location location(
      Map<String, List<String>> parameters, List<Open311Failure.Error> errors) {
    String latText = one(parameters, "lat");
    String lonText = one(parameters, "long");
    Double lat = coordinate(latText, "lat", 90, errors);
    Double lon = coordinate(lonText, "long", 180, errors);
    String address = one(parameters, "address_string");
    if ((latText == null) != (lonText == null)) {
      errors.add(error(latText == null ? "lat" : "long", "give both lat and long, or neither"));
      return null;
    }
    if (latText == null && address == null) {
      errors.add(
          error(
              "address_string",
              one(parameters, "address_id") != null
                  ? "address_id is not known here; give lat and long, or address_string"
                  : "a location is required: lat and long, or address_string"));
      return null;
    }
    if (lat == null || lon == null) {
      return address == null ? null : new Location(address, null, null);
    }
    // A report placed only on the map still needs the form's "address or place".
    String place = address != null ? address : String.format(Locale.ROOT, "%.6f, %.6f", lat, lon);
    return new Location(place, lat, lon);
  }

  private static Double coordinate(
      String text, String name, double bound, List<Open311Failure.Error> errors) {
    if (text == null) {
      return null;
    }
    try {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value) && value >= -bound && value <= bound) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(error(name, "must be a number between -" + (int) bound + " and " + (int) bound));
    return null;
  }

  /** A form value from its text, by the field's type; null (and an error) when it does not fit. */
  private static Object value(
      FormSchema.Field field, List<String> values, String name, List<Open311Failure.Error> errors) {
    boolean list = field.type().equals("checklist") || field.type().equals("taglist");
    if (!list && values.size() > 1) {
      errors.add(error(name, "takes one value"));
      return null;
    }
    if (values.stream().anyMatch(v -> v.length() > 4000)) {
      errors.add(error(name, "may be at most 4000 characters"));
      return null;
    }
    if (list) {
      return List.copyOf(values);
    }
    String text = values.get(0);
    return switch (field.type()) {
      case "number" -> {
        try {
          yield new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
          errors.add(error(name, "must be a number"));
          yield null;
        }
      }
      case "checkbox" -> {
        if (!text.equals("true") && !text.equals("false")) {
          errors.add(error(name, "must be true or false"));
          yield null;
        }
        yield Boolean.valueOf(text);
      }
      default -> text;
    };
  }

  private static String mediaUrl(String text, List<Open311Failure.Error> errors) {
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      if (text.length() <= 2000
          && uri.getHost() != null
          && ("https".equalsIgnoreCase(uri.getScheme())
              || "http".equalsIgnoreCase(uri.getScheme()))) {
        return text;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    errors.add(error("media_url", "must be an http or https address of at most 2000 characters"));
    return null;
  }

  /**
   * A mobile number as the form wants it (11 digits): partners often send it with spaces, dashes or
   * the country code.
   */
  static String phone(String text) {
    if (text == null) {
      return null;
    }
    String digits = text.replaceAll("[\\s\\-()]", "");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("0086")) {
      digits = digits.substring(4);
    }
    return digits;
  }

  /** The start of the description, for a partner that has no separate summary. */
  static String subjectFrom(String description) {
    String flat = description.strip().replaceAll("\\s+", " ");
    if (flat.codePointCount(0, flat.length()) <= 80) {
      return flat;
    }
    String cut = flat.substring(0, flat.offsetByCodePoints(0, 79));
    int space = cut.lastIndexOf(' ');
    return (space > 40 ? cut.substring(0, space) : cut) + "…";
  }

  private static String one(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      return null;
    }
    return values.get(0).strip();
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private static Open311Failure.Error error(String parameter, String description) {
    return new Open311Failure.Error(parameter, description);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
