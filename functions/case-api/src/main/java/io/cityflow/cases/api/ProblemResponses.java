package io.cityflow.cases.api;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Turns every error response of the server (ours, Micronaut's, security's) into {@code
 * application/problem+json}.
 */
@Singleton
@Primary
public class ProblemResponses implements ErrorResponseProcessor<Problem> {

  @Override
  @SuppressWarnings("unchecked")
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    if (context.getRequest().getMethod() == HttpMethod.HEAD) {
      return (MutableHttpResponse<Problem>) response;
    }
    List<Problem.FieldError> errors =
        context.getErrors().stream()
            .map(e -> new Problem.FieldError(e.getPath().orElse(null), e.getMessage()))
            .toList();
    HttpStatus status = response.getStatus();
    String field =
        errors.stream()
            .map(Problem.FieldError::field)
            .filter(f -> f != null)
            .findFirst()
            .orElse(null);
    String detail = errors.isEmpty() ? status.getReason() : errors.get(0).message();
    Problem problem =
        new Problem(
            "https://cityflow.example/problems/" + status.getCode(),
            status.getReason(),
            status.getCode(),
            detail,
            field,
            errors);
    return response.body(problem).contentType(Problem.MEDIA_TYPE);
  }

  /** A problem response for one field. */
  public MutableHttpResponse<?> respond(
      HttpRequest<?> request, HttpStatus status, String field, String message) {
    return processResponse(
        ErrorContext.builder(request).error(new FieldProblem(field, message)).build(),
        io.micronaut.http.HttpResponse.status(status));
  }

  /** A problem response for several fields. */
  public MutableHttpResponse<?> respond(
      HttpRequest<?> request, HttpStatus status, List<Problem.FieldError> fields) {
    return processResponse(
        ErrorContext.builder(request)
            .errors(
                fields.stream().<Error>map(f -> new FieldProblem(f.field(), f.message())).toList())
            .build(),
        io.micronaut.http.HttpResponse.status(status));
  }

  private record FieldProblem(String field, String message) implements Error {
    @Override
    public java.util.Optional<String> getPath() {
      return java.util.Optional.ofNullable(field);
    }

    @Override
    public String getMessage() {
      return message;
    }
  }
}
