package io.cityflow.cases.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationCodesTest {

  @Test
  void codesAreFourGroupsOfFourWithoutLookAlikes() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String code = VerificationCodes.generate();
      assertThat(code).matches("[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}");
      seen.add(code);
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void theHashIgnoresCaseDashesAndSpacesButNotTheCharacters() {
    String hash = VerificationCodes.hash("ABCD-EFGH-JKMN-PQRS");

    assertThat(hash).hasSize(64).isEqualTo(VerificationCodes.hash("abcd efgh jkmn pqrs"));
    assertThat(VerificationCodes.hash("ABCD-EFGH-JKMN-PQRT")).isNotEqualTo(hash);
  }

  @Test
  void onlySixteenCharactersOfTheAlphabetAreAWellFormedCode() {
    assertThat(VerificationCodes.isWellFormed(VerificationCodes.generate())).isTrue();
    assertThat(VerificationCodes.isWellFormed("abcd efgh jkmn pqrs")).isTrue();
    assertThat(VerificationCodes.isWellFormed("ABCD-EFGH-JKMN-PQRO")).isFalse();
    assertThat(VerificationCodes.isWellFormed("ABCD-EFGH-JKMN-PQR1")).isFalse();
    assertThat(VerificationCodes.isWellFormed("ABCD-EFGH-JKMN")).isFalse();
    assertThat(VerificationCodes.isWellFormed("ABCD-EFGH-JKMN-PQRS-T")).isFalse();
    assertThat(VerificationCodes.isWellFormed("")).isFalse();
    assertThat(VerificationCodes.isWellFormed(null)).isFalse();
  }
}
