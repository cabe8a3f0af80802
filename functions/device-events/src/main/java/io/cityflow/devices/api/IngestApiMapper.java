package io.cityflow.devices.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cityflow.devices.Outcome;
import io.cityflow.devices.Rejection;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps an ingest outcome to the HTTP answer, refusals as RFC 9457 problem details. */
final class IngestApiMapper {
  static final String PROBLEM_JSON = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private IngestApiMapper() {}

  static HttpResponse<String> toResponse(Outcome outcome) {
    return switch (outcome.status()) {
      case ACCEPTED, STALE -> status(HttpStatus.ACCEPTED, outcome);
      case DUPLICATE -> status(HttpStatus.OK, outcome);
      case REJECTED -> rejected(outcome.rejection());
      case FAILED ->
          problem(
                  HttpStatus.SERVICE_UNAVAILABLE,
                  "temporarily-unavailable",
                  "Try again",
                  "the event could not be stored or handed off now; send it again",
                  null)
              .header("Retry-After", "5");
    };
  }

  private static HttpResponse<String> status(HttpStatus status, Outcome outcome) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT));
    body.put("deviceId", outcome.deviceId());
    body.put("eventId", outcome.eventId());
    return HttpResponse.<String>status(status).body(write(body));
  }

  private static HttpResponse<String> rejected(Rejection rejection) {
    HttpStatus status =
        switch (rejection.code()) {
          case "unauthorized" -> HttpStatus.UNAUTHORIZED;
          case "too-large" -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
          default -> HttpStatus.BAD_REQUEST;
        };
    String title =
        status == HttpStatus.UNAUTHORIZED ? "Device not authenticated" : "Invalid device event";
    return problem(status, rejection.code(), title, rejection.detail(), rejection.field());
  }

  private static io.micronaut.http.MutableHttpResponse<String> problem(
      HttpStatus status, String code, String title, String detail, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "urn:cityflow:problem:device-event:" + code);
    body.put("title", title);
    body.put("status", status.getCode());
    body.put("detail", detail);
    body.put("code", code);
    if (field != null) {
      body.put("field", field);
    }
    return HttpResponse.<String>status(status).contentType(PROBLEM_JSON).body(write(body));
  }

  private static String write(Map<String, Object> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
