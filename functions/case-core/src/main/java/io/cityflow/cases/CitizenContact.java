package io.cityflow.cases;

/**
 * Who to answer. Shown in full only to staff working the case; everywhere else (lists, logs, the
 * public tracking page) use {@link #masked()}.
 */
public record CitizenContact(String name, String phone) {

  /** The contact with most of the name and the middle of the phone number hidden. */
  public CitizenContact masked() {
    return new CitizenContact(maskName(name), maskPhone(phone));
  }

  static String maskName(String name) {
    if (name == null || name.isBlank()) {
      return name;
    }
    int first = name.codePointAt(0);
    int rest = name.codePointCount(0, name.length()) - 1;
    return new String(Character.toChars(first)) + "*".repeat(Math.max(rest, 1));
  }

  static String maskPhone(String phone) {
    if (phone == null || phone.isBlank()) {
      return phone;
    }
    String digits = phone.replaceAll("[^0-9+]", "");
    if (digits.length() <= 4) {
      return "*".repeat(digits.length());
    }
    int keepEnd = 4;
    int keepStart = Math.min(3, digits.length() - keepEnd);
    return digits.substring(0, keepStart)
        + "*".repeat(digits.length() - keepStart - keepEnd)
        + digits.substring(digits.length() - keepEnd);
  }

  @Override
  public String toString() {
    CitizenContact m = masked();
    return "CitizenContact[name=" + m.name + ", phone=" + m.phone + "]";
  }
}
