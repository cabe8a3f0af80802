package io.cityflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitizenContactTest {

  @Test
  void masksAllButTheFirstCharacterOfTheNameAndTheMiddleOfThePhone() {
    // given
    CitizenContact contact = new CitizenContact("张伟明", "138-1234-5678");

    // when
    CitizenContact masked = contact.masked();

    // then
    assertThat(masked.name()).isEqualTo("张**");
    assertThat(masked.phone()).isEqualTo("138****5678");
  }

  @Test
  void neverPrintsThePlainContact() {
    assertThat(new CitizenContact("Li Na", "13900001111").toString())
        .doesNotContain("13900001111")
        .doesNotContain("Li Na");
  }

  @Test
  void masksShortPhonesCompletely() {
    assertThat(new CitizenContact("A", "110").masked().phone()).isEqualTo("***");
  }
}
