package io.cityflow.cases.notification;

import io.micronaut.core.annotation.Nullable;

/**
 * Who a notice goes to: a citizen, or a service such as the fire brigade's duty line. Either
 * address may be missing; a recipient with neither cannot be reached.
 */
public record Recipient(String name, @Nullable String phone, @Nullable String email) {

  public boolean hasPhone() {
    return phone != null && !phone.isBlank();
  }

  public boolean hasEmail() {
    return email != null && !email.isBlank();
  }

  @Override
  public String toString() {
    // Notices are logged; the addresses are personal data.
    return "Recipient[" + (hasPhone() ? "phone" : "") + (hasEmail() ? " email" : "") + "]";
  }
}
