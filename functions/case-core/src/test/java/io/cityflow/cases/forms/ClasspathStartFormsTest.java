package io.cityflow.cases.forms;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.cases.CaseRuleViolation;
import io.cityflow.cases.CaseType;
import io.cityflow.cases.FormSchema;
import io.micronaut.json.JsonMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped start forms are found for every type a citizen can start, and hold their rules. */
class ClasspathStartFormsTest {
  private final ClasspathStartForms forms = new ClasspathStartForms(JsonMapper.createDefault());

  @Test
  void everyCitizenTypeHasItsStartFormAndDevicesHaveNone() {
    assertThat(forms.startForm(CaseType.HOTLINE_TICKET)).isPresent();
    assertThat(forms.startForm(CaseType.APPROVAL_APPLICATION)).isPresent();
    assertThat(forms.startForm(CaseType.COMMUNITY_SERVICE_REQUEST)).isPresent();
    assertThat(forms.startForm(CaseType.DEVICE_MAINTENANCE)).isEmpty();
  }

  @Test
  void theHotlineFormRequiresADistrictAndAMobileNumber() {
    FormSchema hotline = forms.startForm(CaseType.HOTLINE_TICKET).orElseThrow();

    var problems =
        hotline.check(
            Map.of(
                "category", "water",
                "subject", "No water today",
                "description", "The tap has been dry since six",
                "address", "Beijing Road 1",
                "contactName", "Li Na",
                "contactPhone", "0951 1234567"),
            Map.of(),
            k -> k);

    assertThat(problems)
        .extracting(CaseRuleViolation::field)
        .containsExactlyInAnyOrder("district", "contactPhone");
  }
}
