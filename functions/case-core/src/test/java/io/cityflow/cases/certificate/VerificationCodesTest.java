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
}
