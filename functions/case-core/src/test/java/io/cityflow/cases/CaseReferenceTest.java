package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CaseReferenceTest {

  @Test
  void formatsYearAndSixDigitNumber() {
    assertThat(new CaseReference(2026, 123)).hasToString("YC-2026-000123");
  }

  @Test
  void parsesWhatItFormats() {
    assertThat(CaseReference.parse(" YC-2027-004711 ")).isEqualTo(new CaseReference(2027, 4711));
  }

  @Test
  void keepsNumbersBeyondSixDigits() {
    assertThat(CaseReference.parse("YC-2026-1000001").number()).isEqualTo(1_000_001L);
  }

  @Test
  void rejectsMalformedReferencesNamingTheField() {
    assertThatThrownBy(() -> CaseReference.parse("2026-123"))
        .isInstanceOf(CaseRuleViolation.class)
        .extracting(e -> ((CaseRuleViolation) e).field())
        .isEqualTo("reference");
  }
}
