package io.cityflow.cases.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Where a certificate's issuer and last valid day come from. */
class CertificatePolicyTest {
  private static final LocalDate ISSUED = LocalDate.of(2026, 3, 2);

  @Test
  void aPermitTypeValidForMonthsEndsTheDayBeforeTheSameDateThatManyMonthsLater() {
    CertificatePolicy policy = new CertificatePolicy("银川市行政审批服务局", "tree-felling=12");

    assertThat(policy.validUntil("tree-felling", ISSUED)).hasValue(LocalDate.of(2027, 3, 1));
    assertThat(policy.issuer()).hasValue("银川市行政审批服务局");
  }

  @Test
  void permitTypesMatchIgnoringCaseAndSpacesAndChineseNamesWork() {
    CertificatePolicy policy =
        new CertificatePolicy(null, " Tree-Felling = 6 ,食品经营许可证=60, *=none ");

    assertThat(policy.validUntil("tree-felling", ISSUED)).hasValue(LocalDate.of(2026, 9, 1));
    assertThat(policy.validUntil("食品经营许可证", ISSUED)).hasValue(LocalDate.of(2031, 3, 1));
    assertThat(policy.validUntil("building-permit", ISSUED)).isEmpty();
    assertThat(policy.issuer()).isEmpty();
  }

  @Test
  void theStarEntryCoversEveryOtherPermitTypeAndNoneMeansNoExpiry() {
    CertificatePolicy policy = new CertificatePolicy(" ", "*=24, tree-felling=none");

    assertThat(policy.validUntil("anything", LocalDate.of(2024, 2, 29)))
        .hasValue(LocalDate.of(2026, 2, 27));
    assertThat(policy.validUntil("tree-felling", ISSUED)).isEmpty();
    assertThat(policy.issuer()).isEmpty();
  }

  @Test
  void unsetMeansNoIssuerAndNoExpiry() {
    assertThat(CertificatePolicy.none().validUntil("tree-felling", ISSUED)).isEmpty();
    assertThat(CertificatePolicy.none().issuer()).isEmpty();
    assertThat(new CertificatePolicy("", "").validUntil("tree-felling", ISSUED)).isEmpty();
  }

  @Test
  void aMalformedSettingStopsTheStartNamingTheEntry() {
    assertThatThrownBy(() -> new CertificatePolicy(null, "tree-felling=12, building=ten"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("cityflow.certificates.validity")
        .hasMessageContaining("'building=ten'");
    assertThatThrownBy(() -> new CertificatePolicy(null, "tree-felling"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'tree-felling'");
    assertThatThrownBy(() -> new CertificatePolicy(null, "a=0"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("between 1 and 600");
    assertThatThrownBy(() -> new CertificatePolicy(null, "a=1200"))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> new CertificatePolicy(null, "a=12, A=24"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("named twice");
  }
}
