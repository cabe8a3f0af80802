package io.cityflow.cases.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentCheckTest {

  @Test
  void aFileNamedAfterADocumentTypeSuppliesItWhateverItsCaseSpacesOrUnderscores() {
    List<String> missing =
        DocumentCheck.missing(
            List.of("id-card", "application-letter", "floor-plan"),
            List.of("ID_card front.jpg", "Application Letter.pdf"));

    assertThat(missing).containsExactly("floor-plan");
  }

  @Test
  void withNothingSuppliedEveryRequiredTypeIsMissingInTheOrderRequired() {
    assertThat(DocumentCheck.missing(List.of("site-photo", "id-card"), List.of()))
        .containsExactly("site-photo", "id-card");
  }

  @Test
  void aNameThatOnlySharesAWordDoesNotSupplyTheType() {
    assertThat(
            DocumentCheck.missing(List.of("premises-lease"), List.of("lease.pdf", "premises.pdf")))
        .containsExactly("premises-lease");
  }
}
