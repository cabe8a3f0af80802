package io.cityflow.cases.certificate;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the city puts on a certificate it issues besides the case's facts: the issuing authority
 * ({@value #ISSUER_SETTING}) and how long each permit type is valid ({@value #VALIDITY_SETTING}).
 * Both are settings of the deployment that issues certificates (the workers), read when a
 * certificate is issued and recorded with it, so changing them never changes certificates already
 * issued (docs/adr/0022).
 *
 * <p>The validity setting is one line, so it fits an environment variable: comma-separated {@code
 * <permit type>=<months>} entries, where {@code *} is every other permit type and {@code none}
 * means no expiry, e.g. {@code tree-felling=12, 食品经营许可证=60, *=none}. Permit types are compared
 * ignoring case and surrounding spaces. Unset, or a permit type with no entry and no {@code *}: no
 * expiry. A certificate issued on day D for N months is valid up to and including D + N months - 1
 * day.
 */
@Singleton
@Requires(beans = CertificateRenderer.class)
public class CertificatePolicy {
  public static final String ISSUER_SETTING = "cityflow.certificates.issuer";
  public static final String VALIDITY_SETTING = "cityflow.certificates.validity";

  /** Longest validity accepted: a typo of 1200 for 12 should stop the start, not print 2126. */
  static final int MAX_MONTHS = 600;

  private static final String EVERY_OTHER = "*";

  @Nullable private final String issuer;

  /** Months by normalised permit type; an empty value is no expiry. */
  private final Map<String, Optional<Integer>> months;

  @Inject
  public CertificatePolicy(
      @Nullable @Value("${" + ISSUER_SETTING + ":}") String issuer,
      @Nullable @Value("${" + VALIDITY_SETTING + ":}") String validity) {
    this.issuer = issuer == null || issuer.isBlank() ? null : issuer.strip();
    this.months = parse(validity);
  }

  /** No issuer and no expiry: what unset settings give. */
  public static CertificatePolicy none() {
    return new CertificatePolicy(null, null);
  }

  /** The issuing authority to record, if one is configured. */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /** The last valid day of a certificate of this permit type issued on that day; empty: none. */
  public Optional<LocalDate> validUntil(String permitType, LocalDate issuedOn) {
    Optional<Integer> configured = months.get(key(permitType));
    if (configured == null) {
      configured = months.getOrDefault(EVERY_OTHER, Optional.empty());
    }
    return configured.map(m -> issuedOn.plusMonths(m).minusDays(1));
  }

  private static Map<String, Optional<Integer>> parse(@Nullable String validity) {
    Map<String, Optional<Integer>> parsed = new LinkedHashMap<>();
    if (validity == null || validity.isBlank()) {
      return parsed;
    }
    for (String entry : validity.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String permitType = eq < 0 ? "" : key(entry.substring(0, eq));
      String value = eq < 0 ? "" : entry.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
      if (permitType.isEmpty() || value.isEmpty()) {
        throw invalid(entry, "an entry is <permit type>=<months> or <permit type>=none");
      }
      if (parsed.containsKey(permitType)) {
        throw invalid(entry, "the permit type is named twice");
      }
      parsed.put(
          permitType, value.equals("none") ? Optional.empty() : Optional.of(months(entry, value)));
    }
    return parsed;
  }

  private static int months(String entry, String value) {
    int m;
    try {
      m = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(entry, "months must be a whole number or none");
    }
    if (m < 1 || m > MAX_MONTHS) {
      throw invalid(entry, "months must be between 1 and " + MAX_MONTHS + " (or none)");
    }
    return m;
  }

  private static ConfigurationException invalid(String entry, String why) {
    return new ConfigurationException(
        VALIDITY_SETTING + ": '" + entry.strip() + "': " + why + ", e.g. tree-felling=12, *=none");
  }

  private static String key(@Nullable String permitType) {
    return permitType == null ? "" : permitType.strip().toLowerCase(Locale.ROOT);
  }
}
