package io.cityflow.cases.api.open311;

import io.cityflow.cases.CaseReference;
import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.FormRejected;
import io.cityflow.cases.IdempotencyConflict;
import io.cityflow.cases.SubmissionReceipt;
import io.cityflow.cases.api.open311.Open311Services.Attribute;
import io.cityflow.cases.api.open311.Open311Services.Service;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Open311 GeoReport v2 (ADR 0019): service discovery, the service list and definitions, new service
 * requests from partner systems (with an api_key), and the requests' status. Every resource has a
 * {@code .json} and an {@code .xml} form. It sits under {@code /api/public/}, so the public
 * endpoints' rate limit and body cap apply.
 */
@Controller(Open311Controller.BASE)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Open311")
class Open311Controller {
  static final String BASE = "/api/public/open311/v2";
  static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** GeoReport requests carry no files, so a form body is small; this bounds its parsing. */
  static final int MAX_FORM_BYTES = 64 * 1024;

  private static final int MAX_PARAMETERS = 100;

  private final Open311Services services;
  private final Open311Keys keys;
  private final Open311Intake intake;
  private final Open311Requests requests;
  private final Open311Settings settings;
  private final JsonMapper json;
  private final Clock clock;

  Open311Controller(
      Open311Services services,
      Open311Keys keys,
      Open311Intake intake,
      Open311Requests requests,
      Open311Settings settings,
      JsonMapper json,
      Clock clock) {
    this.services = services;
    this.keys = keys;
    this.intake = intake;
    this.requests = requests;
    this.settings = settings;
    this.json = json;
    this.clock = clock;
  }

  // --- discovery and services

  @Get("/discovery.json")
  @Operation(summary = "Open311 service discovery")
  HttpResponse<String> discoveryJson(HttpRequest<?> request) {
    return discovery(Format.JSON, request);
  }

  @Get("/discovery.xml")
  @Operation(summary = "Open311 service discovery (XML)")
  HttpResponse<String> discoveryXml(HttpRequest<?> request) {
    return discovery(Format.XML, request);
  }

  private HttpResponse<String> discovery(Format format, HttpRequest<?> request) {
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
    endpoint.put("url", baseUrl(request));
    endpoint.put("changeset", "2026-12-07T00:00:00+08:00");
    endpoint.put("type", "production");
    endpoint.put("formats", List.of(Format.JSON.mediaType(), Format.XML.mediaType()));
    Map<String, Object> discovery = new LinkedHashMap<>();
    discovery.put("changeset", "2026-12-07T00:00:00+08:00");
    discovery.put("contact", settings.contact());
    discovery.put("key_service", "Partner systems ask the city's administrators for an api_key.");
    discovery.put("endpoints", List.of(endpoint));
    return ok(format, "discovery", discovery);
  }

  @Get("/services.json")
  @Operation(summary = "Open311 service list: one service per category people report")
  HttpResponse<String> servicesJson(@Nullable @QueryValue("jurisdiction_id") String jurisdiction) {
    return serviceList(Format.JSON, jurisdiction);
  }

  @Get("/services.xml")
  @Operation(summary = "Open311 service list (XML)")
  HttpResponse<String> servicesXml(@Nullable @QueryValue("jurisdiction_id") String jurisdiction) {
    return serviceList(Format.XML, jurisdiction);
  }

  private HttpResponse<String> serviceList(Format format, String jurisdiction) {
    checkJurisdiction(jurisdiction);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Service service : services.all()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("service_code", service.code());
      s.put("service_name", service.name());
      s.put("description", service.description());
      s.put("metadata", !service.attributes().isEmpty());
      s.put("type", "realtime");
      s.put("keywords", service.category());
      s.put("group", service.group());
      list.add(s);
    }
    return ok(format, "services", list);
  }

  @Get("/services/{file}")
  @Operation(
      summary = "Open311 service definition",
      description = "`{service_code}.json` or `.xml`: the start form's questions as attributes.")
  HttpResponse<String> definition(
      @PathVariable String file, @Nullable @QueryValue("jurisdiction_id") String jurisdiction) {
    Format format = Format.of(file);
    checkJurisdiction(jurisdiction);
    String code = Format.stem(file);
    Service service =
        services
            .find(code)
            .orElseThrow(
                () ->
                    new Open311Failure(
                        HttpStatus.NOT_FOUND, "service_code", "there is no service " + code));
    List<Map<String, Object>> attributes = new ArrayList<>();
    for (Attribute attribute : service.attributes()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("variable", true);
      a.put("code", attribute.code());
      a.put("datatype", attribute.datatype());
      a.put("required", attribute.required());
      if (attribute.datatypeDescription() != null) {
        a.put("datatype_description", attribute.datatypeDescription());
      }
      a.put("order", attribute.order());
      a.put("description", attribute.description());
      if (!attribute.values().isEmpty()) {
        List<Map<String, Object>> values = new ArrayList<>();
        attribute
            .values()
            .forEach(
                (key, name) -> {
                  Map<String, Object> v = new LinkedHashMap<>();
                  v.put("key", key);
                  v.put("name", name);
                  values.add(v);
                });
        a.put("values", values);
      }
      attributes.add(a);
    }
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("service_code", service.code());
    definition.put("attributes", attributes);
    return ok(format, "service_definition", definition);
  }

  // --- new requests

  @Post(value = "/requests.json", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(
      summary = "Open311 POST service request (partner systems, with api_key)",
      description =
          "Form-encoded GeoReport parameters. A retry with the same parameters (or the same"
              + " Idempotency-Key) within 24 hours answers with the same request and creates"
              + " nothing.")
  HttpResponse<String> submitJson(
      HttpRequest<?> request,
      @Nullable @Body Map<String, Object> body,
      @Nullable @Header(IDEMPOTENCY_KEY) String idempotencyKey) {
    return submit(Format.JSON, request, body, idempotencyKey);
  }

  @Post(value = "/requests.xml", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Open311 POST service request (XML answer)")
  HttpResponse<String> submitXml(
      HttpRequest<?> request,
      @Nullable @Body Map<String, Object> body,
      @Nullable @Header(IDEMPOTENCY_KEY) String idempotencyKey) {
    return submit(Format.XML, request, body, idempotencyKey);
  }

  private HttpResponse<String> submit(
      Format format, HttpRequest<?> request, Map<String, Object> body, String idempotencyKey) {
    Map<String, List<String>> parameters = form(request.getContentLength(), body);
    checkJurisdiction(first(parameters, "jurisdiction_id"));
    Open311Keys.Client partner = keys.authenticate(first(parameters, "api_key"));
    if (idempotencyKey != null && (idempotencyKey.length() < 8 || idempotencyKey.length() > 200)) {
      throw new Open311Failure(
          HttpStatus.BAD_REQUEST, IDEMPOTENCY_KEY, "must be 8 to 200 characters");
    }
    Open311Intake.Checked checked = intake.check(parameters);
    SubmissionReceipt receipt;
    try {
      try {
        receipt = intake.submit(partner, checked, idempotencyKey);
      } catch (DataAccessException concurrentDuplicate) {
        // Two requests with one key raced; the loser rolled back and answers from the winner.
        receipt = intake.submit(partner, checked, idempotencyKey);
      }
    } catch (FormRejected rejected) {
      throw new Open311Failure(
          HttpStatus.BAD_REQUEST,
          rejected.problems().stream()
              .map(
                  p ->
                      new Open311Failure.Error(
                          Open311Intake.parameterOf(p.field()), p.getMessage()))
              .toList());
    } catch (IdempotencyConflict conflict) {
      throw new Open311Failure(HttpStatus.CONFLICT, IDEMPOTENCY_KEY, conflict.getMessage());
    } catch (CaseRuleViolation violation) {
      throw new Open311Failure(
          HttpStatus.BAD_REQUEST,
          Open311Intake.parameterOf(violation.field()),
          violation.getMessage());
    }
    String reference = receipt.reference().toString();
    Open311Requests.Found found =
        requests.find(byReference(List.of(reference), partner)).stream()
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the new request is not readable"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("service_request_id", reference);
    answer.put("service_notice", notice(found));
    String answerBody = render(format, "service_requests", List.of(answer));
    return HttpResponse.<String>status(HttpStatus.CREATED)
        .contentType(format.mediaType())
        .header(HttpHeaders.LOCATION, BASE + "/requests/" + reference + "." + extension(format))
        .header("Idempotent-Replayed", String.valueOf(receipt.replayed()))
        .body(answerBody);
  }

  // --- request status

  @Get("/requests.json")
  @Operation(
      summary = "Open311 GET service requests",
      description =
          "Filters: service_request_id (comma-separated; the other filters are then ignored),"
              + " service_code (comma-separated), start_date, end_date (at most 90 days apart;"
              + " the last 90 days by default), status (open, closed). Extension: page and"
              + " page_size (at most 1000). Lists the requests of public-space services, and a"
              + " partner's own with its api_key.")
  HttpResponse<String> listJson(HttpRequest<?> request) {
    return list(Format.JSON, request);
  }

  @Get("/requests.xml")
  @Operation(summary = "Open311 GET service requests (XML)")
  HttpResponse<String> listXml(HttpRequest<?> request) {
    return list(Format.XML, request);
  }

  @Get("/requests/{file}")
  @Operation(
      summary = "Open311 GET service request",
      description = "`{service_request_id}.json` or `.xml`; an unknown or private request is 404.")
  HttpResponse<String> one(
      @PathVariable String file,
      @Nullable @QueryValue("jurisdiction_id") String jurisdiction,
      @Nullable @QueryValue("api_key") String apiKey) {
    Format format = Format.of(file);
    checkJurisdiction(jurisdiction);
    Open311Keys.Client partner = partner(apiKey);
    String reference = reference(Format.stem(file));
    List<Open311Requests.Found> found = requests.find(byReference(List.of(reference), partner));
    if (found.isEmpty()) {
      throw new Open311Failure(
          HttpStatus.NOT_FOUND, "service_request_id", "there is no request " + reference);
    }
    return ok(format, "service_requests", List.of(request(found.get(0), partner)));
  }

  private HttpResponse<String> list(Format format, HttpRequest<?> request) {
    Map<String, List<String>> q = new LinkedHashMap<>(request.getParameters().asMap());
    checkJurisdiction(first(q, "jurisdiction_id"));
    Open311Keys.Client partner = partner(first(q, "api_key"));
    Open311Requests.Query query = query(q, partner);
    List<Map<String, Object>> list =
        requests.find(query).stream().map(f -> request(f, partner)).toList();
    return ok(format, "service_requests", list);
  }

  private Open311Requests.Query query(Map<String, List<String>> q, Open311Keys.Client partner) {
    List<Open311Failure.Error> errors = new ArrayList<>();
    List<String> ids = commaList(first(q, "service_request_id"));
    if (ids != null) {
      if (ids.size() > settings.maxResults()) {
        errors.add(
            new Open311Failure.Error(
                "service_request_id", "at most " + settings.maxResults() + " ids"));
      }
      List<String> references = new ArrayList<>();
      for (String id : ids) {
        try {
          references.add(reference(id));
        } catch (Open311Failure e) {
          errors.add(e.errors().get(0));
        }
      }
      fail(errors);
      return byReference(references, partner);
    }
    List<String> codes = commaList(first(q, "service_code"));
    if (codes != null) {
      codes.stream()
          .filter(c -> services.find(c).isEmpty())
          .forEach(
              c ->
                  errors.add(new Open311Failure.Error("service_code", "there is no service " + c)));
    }
    Instant now = clock.instant();
    Instant from = date(first(q, "start_date"), "start_date", errors);
    Instant until = date(first(q, "end_date"), "end_date", errors);
    if (until == null) {
      until = from == null ? now.plusSeconds(1) : from.plus(settings.defaultWindow());
    }
    if (from == null) {
      from = until.minus(settings.defaultWindow());
    }
    if (!from.isBefore(until)) {
      errors.add(new Open311Failure.Error("end_date", "must be after start_date"));
    } else if (from.plus(settings.defaultWindow()).isBefore(until)) {
      errors.add(
          new Open311Failure.Error(
              "start_date",
              "may be at most " + settings.defaultWindow().toDays() + " days before end_date"));
    }
    Boolean closed = null;
    String status = first(q, "status");
    if (status != null) {
      List<String> statuses = commaList(status);
      boolean open = statuses.remove("open");
      boolean closedToo = statuses.remove("closed");
      if (!statuses.isEmpty() || (!open && !closedToo)) {
        errors.add(new Open311Failure.Error("status", "is open, closed or open,closed"));
      } else if (open != closedToo) {
        closed = closedToo;
      }
    }
    int pageSize =
        number(
            first(q, "page_size"),
            "page_size",
            settings.maxResults(),
            settings.maxResults(),
            errors);
    int page =
        number(first(q, "page"), "page", 1, Integer.MAX_VALUE / settings.maxResults(), errors);
    fail(errors);
    return new Open311Requests.Query(
        null,
        codes,
        from,
        until,
        closed,
        services.listedCodes(),
        partner == null ? null : partner.id(),
        (page - 1) * pageSize,
        pageSize);
  }

  private Open311Requests.Query byReference(List<String> references, Open311Keys.Client partner) {
    return new Open311Requests.Query(
        references,
        null,
        null,
        null,
        null,
        services.listedCodes(),
        partner == null ? null : partner.id(),
        0,
        Math.max(1, references.size()));
  }

  /**
   * A request as GeoReport shows it. Names, phone numbers, e-mail addresses and device ids never
   * appear; the description only to the partner that sent it.
   */
  private Map<String, Object> request(Open311Requests.Found found, Open311Keys.Client partner) {
    CityCase c = found.caseFile();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("service_request_id", c.reference().toString());
    r.put("status", found.closed() ? "closed" : "open");
    put(r, "status_notes", found.statusNotes());
    Optional<Service> service = services.find(found.serviceCode());
    r.put("service_name", service.map(Service::name).orElse(found.serviceCode()));
    r.put("service_code", found.serviceCode());
    if (partner != null && partner.id().equals(found.partner())) {
      put(r, "description", c.description());
    }
    put(r, "agency_responsible", found.agency());
    r.put("service_notice", notice(found));
    r.put("requested_datetime", w3(c.submittedAt()));
    r.put("updated_datetime", w3(c.updatedAt()));
    if (!found.closed() && c.slaPausedAt() == null) {
      put(r, "expected_datetime", w3(c.slaDueAt()));
    }
    if (c.location() != null) {
      put(r, "address", c.location().address());
      put(r, "lat", c.location().latitude());
      put(r, "long", c.location().longitude());
    }
    put(r, "media_url", found.mediaUrl());
    return r;
  }

  /** What the city will do next, in a sentence. */
  private static String notice(Open311Requests.Found found) {
    CityCase c = found.caseFile();
    String agency = found.agency() == null ? "the city" : found.agency();
    return switch (c.status()) {
      case WAITING_FOR_CITIZEN ->
          agency + " is waiting for more information from the reporter; the deadline is paused.";
      case RESOLVED -> "Resolved by " + agency + ".";
      case CLOSED -> "Closed.";
      case REJECTED -> "Not accepted by " + agency + ".";
      case CANCELLED -> "Cancelled.";
      default ->
          c.slaDueAt() == null
              ? "Handled by " + agency + "."
              : "Handled by "
                  + agency
                  + "; expected by "
                  + c.slaDueAt().atZone(CITY_ZONE).toLocalDate()
                  + (c.status() == CaseStatus.SUBMITTED ? " (being routed)." : ".");
    };
  }

  // --- helpers

  private Open311Keys.Client partner(String apiKey) {
    return apiKey == null || apiKey.isBlank() ? null : keys.authenticate(apiKey);
  }

  private void checkJurisdiction(String jurisdiction) {
    if (jurisdiction != null && !jurisdiction.equals(settings.jurisdictionId())) {
      throw new Open311Failure(
          HttpStatus.NOT_FOUND,
          "jurisdiction_id",
          "this endpoint serves only " + settings.jurisdictionId());
    }
  }

  private static String reference(String id) {
    try {
      return CaseReference.parse(id).toString();
    } catch (CaseRuleViolation e) {
      throw new Open311Failure(
          HttpStatus.NOT_FOUND, "service_request_id", "there is no request " + id);
    }
  }

  /**
   * The form's parameters as the server decoded them (the same on Netty and behind API Gateway); a
   * repeated name keeps every value, in order.
   */
  static Map<String, List<String>> form(long contentLength, Map<String, Object> body) {
    if (contentLength > MAX_FORM_BYTES) {
      throw new Open311Failure(
          HttpStatus.REQUEST_ENTITY_TOO_LARGE,
          "body",
          "the parameters may be at most " + MAX_FORM_BYTES + " bytes");
    }
    if (body == null || body.isEmpty()) {
      throw new Open311Failure(HttpStatus.BAD_REQUEST, "body", "the request has no parameters");
    }
    if (body.size() > MAX_PARAMETERS) {
      throw new Open311Failure(
          HttpStatus.BAD_REQUEST, "body", "at most " + MAX_PARAMETERS + " parameters");
    }
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    body.forEach(
        (name, value) -> {
          List<String> values = new ArrayList<>();
          if (value instanceof Collection<?> many) {
            many.forEach(v -> values.add(String.valueOf(v)));
          } else if (value != null) {
            values.add(String.valueOf(value));
          }
          parameters.put(name, values);
        });
    return parameters;
  }

  private static String first(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() || values.get(0).isBlank()
        ? null
        : values.get(0).strip();
  }

  private static List<String> commaList(String text) {
    if (text == null) {
      return null;
    }
    return new ArrayList<>(
        Arrays.stream(text.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .distinct()
            .toList());
  }

  /** A w3c date-time, or a date (midnight in the city). */
  private static Instant date(String text, String name, List<Open311Failure.Error> errors) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException notWithOffset) {
      try {
        return LocalDateTime.parse(text).atZone(CITY_ZONE).toInstant();
      } catch (DateTimeException notLocal) {
        try {
          return LocalDate.parse(text).atStartOfDay(CITY_ZONE).toInstant();
        } catch (DateTimeException notADate) {
          errors.add(
              new Open311Failure.Error(
                  name, "must be a date-time such as 2026-12-01T00:00:00+08:00"));
          return null;
        }
      }
    }
  }

  private static int number(
      String text, String name, int fallback, int max, List<Open311Failure.Error> errors) {
    if (text == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new Open311Failure.Error(name, "must be a whole number from 1 to " + max));
    return fallback;
  }

  private static void fail(List<Open311Failure.Error> errors) {
    if (!errors.isEmpty()) {
      throw new Open311Failure(HttpStatus.BAD_REQUEST, errors);
    }
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String w3(Instant instant) {
    return instant == null
        ? null
        : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), CITY_ZONE)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static String baseUrl(HttpRequest<?> request) {
    String host = request.getHeaders().get(HttpHeaders.HOST);
    String scheme = request.getHeaders().get("X-Forwarded-Proto");
    if (host == null) {
      return BASE;
    }
    return URI.create((scheme == null ? "http" : scheme) + "://" + host + BASE).toString();
  }

  private static String extension(Format format) {
    return format == Format.JSON ? "json" : "xml";
  }

  private String render(Format format, String xmlRoot, Object document) {
    return format == Format.JSON ? Format.json(json, document) : Format.xml(xmlRoot, document);
  }

  private HttpResponse<String> ok(Format format, String xmlRoot, Object document) {
    return HttpResponse.ok(render(format, xmlRoot, document)).contentType(format.mediaType());
  }
}
