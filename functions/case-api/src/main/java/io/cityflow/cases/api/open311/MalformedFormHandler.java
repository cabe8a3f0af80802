package io.cityflow.cases.api.open311;

import io.cityflow.cases.api.ProblemResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.ErrorDataDecoderException;
import jakarta.inject.Singleton;

/**
 * A form body that is not form-encoded (a bad percent escape, say) is bad input, not a server
 * error: a 400 naming the body, in Open311's representation on its paths and as a problem
 * elsewhere.
 */
@Singleton
@Produces
class MalformedFormHandler implements ExceptionHandler<ErrorDataDecoderException, HttpResponse<?>> {
  private static final String MESSAGE = "the parameters are not form-encoded";
  private final Open311FailureHandler open311;
  private final ProblemResponses problems;

  MalformedFormHandler(Open311FailureHandler open311, ProblemResponses problems) {
    this.open311 = open311;
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ErrorDataDecoderException e) {
    if (request.getPath().startsWith(Open311Controller.BASE)) {
      return open311.handle(request, new Open311Failure(HttpStatus.BAD_REQUEST, "body", MESSAGE));
    }
    return problems.respond(request, HttpStatus.BAD_REQUEST, "body", MESSAGE);
  }
}
