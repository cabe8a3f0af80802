package io.cityflow.cases.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the public check says of a certificate on a given day. */
class CertificateStatusTest {
  private static final LocalDate ISSUED = LocalDate.of(2026, 3, 2);
  private static final LocalDate LAST_DAY = LocalDate.of(2027, 3, 1);

  private static Certificate certificate(LocalDate validUntil) {
    return new Certificate(
        "YC-2026-000001-C",
        UUID.randomUUID(),
        "YC-2026-000001",
        "Li Na",
        "tree-felling",
        ISSUED,
        "certificates/x",
        Instant.parse("2026-03-02T02:00:00Z"),
        "Yinchuan Administrative Approval Bureau",
        validUntil,
        null);
  }

  private static Revocation revocation() {
    return new Revocation(
        Instant.parse("2026-06-01T03:00:00Z"), "supervisor.water", "issued in error");
  }

  @Test
  void isValidUpToAndIncludingItsLastValidDay() {
    Certificate c = certificate(LAST_DAY);

    assertThat(c.statusOn(ISSUED)).isEqualTo(CertificateStatus.VALID);
    assertThat(c.statusOn(LAST_DAY)).isEqualTo(CertificateStatus.VALID);
  }

  @Test
  void hasExpiredTheDayAfterItsLastValidDay() {
    assertThat(certificate(LAST_DAY).statusOn(LAST_DAY.plusDays(1)))
        .isEqualTo(CertificateStatus.EXPIRED);
  }

  @Test
  void aCertificateWithoutLastValidDayNeverExpires() {
    assertThat(certificate(null).statusOn(LocalDate.of(2099, 12, 31)))
        .isEqualTo(CertificateStatus.VALID);
  }

  @Test
  void aRevokedCertificateIsRevokedWhetherOrNotItHasExpired() {
    Certificate revoked = certificate(LAST_DAY).revoked(revocation());

    assertThat(revoked.statusOn(ISSUED)).isEqualTo(CertificateStatus.REVOKED);
    assertThat(revoked.statusOn(LAST_DAY.plusYears(1))).isEqualTo(CertificateStatus.REVOKED);
    assertThat(certificate(null).revoked(revocation()).statusOn(ISSUED))
        .isEqualTo(CertificateStatus.REVOKED);
  }

  @Test
  void certificatesIssuedBeforeValidityWasRecordedStayValid() {
    Certificate old =
        new Certificate(
            "YC-2025-000009-C",
            UUID.randomUUID(),
            "YC-2025-000009",
            "Li Na",
            "tree-felling",
            LocalDate.of(2025, 1, 5),
            "certificates/y",
            Instant.parse("2025-01-05T02:00:00Z"),
            null,
            null,
            null);

    assertThat(old.issuer()).isNull();
    assertThat(old.validUntil()).isNull();
    assertThat(old.statusOn(LocalDate.of(2030, 1, 1))).isEqualTo(CertificateStatus.VALID);
  }
}
