package io.cityflow.cases.notification;

/**
 * No enabled channel can reach the recipient: the case has no usable phone number or e-mail
 * address, or every provider refused it. An expected outcome, which the models catch as {@code
 * Err_CitizenUnreachable}.
 */
public class CitizenUnreachable extends RuntimeException {
  public CitizenUnreachable(String message) {
    super(message);
  }
}
