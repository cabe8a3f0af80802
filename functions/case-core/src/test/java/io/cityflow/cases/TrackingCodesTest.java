package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrackingCodesTest {
  private final TrackingCodes codes = new TrackingCodes("a-test-secret-that-is-long-enough-000");

  @Test
  void givesTheSameCaseTheSameCodeSoARetryCanBeAnsweredAlike() {
    UUID id = UUID.randomUUID();
    assertThat(codes.codeFor(id)).isEqualTo(codes.codeFor(id));
  }

  @Test
  void givesDifferentCasesDifferentReadableCodes() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String code = codes.codeFor(UUID.randomUUID());
      assertThat(code).hasSize(12).matches("[2-9A-HJKMNP-Z]+");
      seen.add(code);
    }
    assertThat(seen).hasSize(1000);
  }

  @Test
  void dependsOnTheServerSecret() {
    UUID id = UUID.randomUUID();
    TrackingCodes other = new TrackingCodes("another-secret-that-is-long-enough-111");
    assertThat(other.codeFor(id)).isNotEqualTo(codes.codeFor(id));
  }

  @Test
  void matchesTheStoredHashIgnoringCaseSpacesAndDashes() {
    String code = codes.codeFor(UUID.randomUUID());
    String stored = TrackingCodes.hash(code);
    String typed = code.substring(0, 4).toLowerCase() + "-" + code.substring(4) + " ";

    assertThat(stored).hasSize(64).doesNotContain(code);
    assertThat(TrackingCodes.matches(typed, stored)).isTrue();
    assertThat(TrackingCodes.matches("WRONGCODE234", stored)).isFalse();
    assertThat(TrackingCodes.matches(null, stored)).isFalse();
  }
}
