package io.cityflow.cases.api.open311;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a refused Open311 request in the representation that was asked for. XML gets the
 * GeoReport error list ({@code <errors><error><code/><description/></error></errors>}), which is
 * what FixMyStreet's client reads. JSON gets the house {@code application/problem+json}, whose
 * {@code errors} items carry the GeoReport {@code code} and {@code description} beside our {@code
 * field} and {@code message}.
 */
@Singleton
@Produces
class Open311FailureHandler implements ExceptionHandler<Open311Failure, HttpResponse<?>> {
  static final String PROBLEM_JSON = "application/problem+json";
  private final JsonMapper json;

  Open311FailureHandler(JsonMapper json) {
    this.json = json;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, Open311Failure failure) {
    int code = failure.status().getCode();
    if (request.getPath().endsWith(".xml")) {
      List<Map<String, Object>> errors =
          failure.errors().stream()
              .<Map<String, Object>>map(
                  e -> {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("code", code);
                    error.put("description", described(e));
                    return error;
                  })
              .toList();
      return HttpResponse.status(failure.status())
          .contentType(Format.XML.mediaType())
          .body(Format.xml("errors", errors));
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "https://cityflow.example/problems/" + code);
    problem.put("title", failure.status().getReason());
    problem.put("status", code);
    problem.put("detail", failure.errors().get(0).description());
    if (failure.errors().get(0).parameter() != null) {
      problem.put("field", failure.errors().get(0).parameter());
    }
    problem.put(
        "errors",
        failure.errors().stream()
            .map(
                e -> {
                  Map<String, Object> error = new LinkedHashMap<>();
                  if (e.parameter() != null) {
                    error.put("field", e.parameter());
                  }
                  error.put("message", e.description());
                  error.put("code", code);
                  error.put("description", described(e));
                  return error;
                })
            .toList());
    return HttpResponse.status(failure.status())
        .contentType(PROBLEM_JSON)
        .body(Format.json(json, problem));
  }

  /** The GeoReport description names the parameter, as the error list has no field of its own. */
  private static String described(Open311Failure.Error e) {
    return e.parameter() == null ? e.description() : e.parameter() + ": " + e.description();
  }
}
