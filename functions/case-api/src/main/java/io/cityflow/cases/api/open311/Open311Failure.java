package io.cityflow.cases.api.open311;

import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A request the Open311 endpoint refuses. Nothing has been changed when it is thrown. It carries
 * the GeoReport error list (code and description) and the request parameter each error is about.
 */
final class Open311Failure extends RuntimeException {
  private final HttpStatus status;
  private final List<Error> errors;

  Open311Failure(HttpStatus status, List<Error> errors) {
    super(errors.get(0).description());
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  Open311Failure(HttpStatus status, String parameter, String description) {
    this(status, List.of(new Error(parameter, description)));
  }

  HttpStatus status() {
    return status;
  }

  List<Error> errors() {
    return errors;
  }

  /**
   * @param parameter the request parameter at fault ({@code service_code}, {@code
   *     attribute[district]}), or null
   */
  record Error(String parameter, String description) {}
}
