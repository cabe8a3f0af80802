package io.cityflow.cases.api;

import io.cityflow.cases.AccessDenied;
import io.cityflow.cases.CaseNotFound;
import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.FormRejected;
import io.cityflow.cases.IdempotencyConflict;
import io.cityflow.cases.IllegalTransition;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requirements;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedArgumentHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Maps failures to problem responses that name the field at fault. */
final class ProblemHandlers {
  private ProblemHandlers() {}

  @Singleton
  @Produces
  static class RuleViolationHandler
      implements ExceptionHandler<CaseRuleViolation, HttpResponse<?>> {
    private final ProblemResponses problems;

    RuleViolationHandler(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CaseRuleViolation e) {
      HttpStatus status =
          e instanceof IdempotencyConflict || e instanceof IllegalTransition
              ? HttpStatus.CONFLICT
              : HttpStatus.UNPROCESSABLE_ENTITY;
      if ("status".equals(e.field()) || "task".equals(e.field())) {
        status = HttpStatus.CONFLICT;
      }
      if (e instanceof FormRejected rejected) {
        // Data that does not fit its form is a malformed request, like any other bad field.
        return problems.respond(
            request,
            HttpStatus.BAD_REQUEST,
            rejected.problems().stream()
                .map(p -> new Problem.FieldError(p.field(), p.getMessage()))
                .toList());
      }
      return problems.respond(request, status, e.field(), e.getMessage());
    }
  }

  @Singleton
  @Produces
  static class NotFoundHandler implements ExceptionHandler<CaseNotFound, HttpResponse<?>> {
    private final ProblemResponses problems;

    NotFoundHandler(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CaseNotFound e) {
      return problems.respond(request, HttpStatus.NOT_FOUND, "reference", e.getMessage());
    }
  }

  @Singleton
  @Produces
  static class AccessDeniedHandler implements ExceptionHandler<AccessDenied, HttpResponse<?>> {
    private final ProblemResponses problems;

    AccessDeniedHandler(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, AccessDenied e) {
      return problems.respond(request, HttpStatus.FORBIDDEN, null, e.getMessage());
    }
  }

  @Singleton
  @Produces
  @Replaces(ConstraintExceptionHandler.class)
  @Requirements(@Requires(classes = ConstraintViolationException.class))
  static class ValidationHandler
      implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {
    private final ProblemResponses problems;

    ValidationHandler(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException e) {
      List<Problem.FieldError> fields = new ArrayList<>();
      for (ConstraintViolation<?> v : e.getConstraintViolations()) {
        fields.add(new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
      }
      fields.sort(Comparator.comparing(f -> String.valueOf(f.field())));
      return problems.respond(request, HttpStatus.BAD_REQUEST, fields);
    }

    /** "submit.request.contact.phone" → "contact.phone": drop the method and parameter. */
    static String fieldOf(Path path) {
      List<String> parts = new ArrayList<>();
      for (Path.Node node : path) {
        String name = node.getName();
        if (node.getIndex() != null && !parts.isEmpty()) {
          int last = parts.size() - 1;
          parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
        }
        if (name != null && !name.isEmpty()) {
          parts.add(name);
        }
      }
      return parts.size() > 2
          ? String.join(".", parts.subList(2, parts.size()))
          : parts.get(parts.size() - 1);
    }
  }

  @Singleton
  @Produces
  @Replaces(UnsatisfiedArgumentHandler.class)
  static class MissingArgumentHandler
      implements ExceptionHandler<UnsatisfiedArgumentException, HttpResponse<?>> {
    private final ProblemResponses problems;

    MissingArgumentHandler(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, UnsatisfiedArgumentException e) {
      return missing(problems, request, e.getArgument());
    }
  }

  @Singleton
  @Produces
  @Replaces(UnsatisfiedRouteHandler.class)
  static class MissingRouteArgumentHandler
      implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<?>> {
    private final ProblemResponses problems;

    MissingRouteArgumentHandler(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, UnsatisfiedRouteException e) {
      return missing(problems, request, e.getArgument());
    }
  }

  static HttpResponse<?> missing(
      ProblemResponses problems, HttpRequest<?> request, Argument<?> argument) {
    String field =
        argument.getAnnotationMetadata().stringValue(Header.class).orElse(argument.getName());
    return problems.respond(request, HttpStatus.BAD_REQUEST, field, field + " is required");
  }

  @Singleton
  @Produces
  @Replaces(ConversionErrorHandler.class)
  static class ConversionHandler
      implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
    private final ProblemResponses problems;

    ConversionHandler(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException e) {
      String field = e.getArgument().getName();
      return problems.respond(
          request,
          HttpStatus.BAD_REQUEST,
          field,
          "cannot read " + field + ": wrong type or format");
    }
  }

  @Singleton
  @Produces
  static class CodecHandler implements ExceptionHandler<CodecException, HttpResponse<?>> {
    private final ProblemResponses problems;

    CodecHandler(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CodecException e) {
      return problems.respond(
          request, HttpStatus.BAD_REQUEST, "body", "the body is not valid JSON of the right shape");
    }
  }
}
