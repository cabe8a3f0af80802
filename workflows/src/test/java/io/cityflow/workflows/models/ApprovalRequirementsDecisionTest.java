package io.cityflow.workflows.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApprovalRequirementsDecisionTest {
  private static final Decisions DECISION = new Decisions("approval-requirements");

  /** One row per rule, in table order: rule, permit type, departments, documents. */
  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of(
            "Rule_FoodBusinessLicence",
            "food-business-licence",
            List.of("MARKET_REGULATION", "HEALTH"),
            List.of("id-card", "premises-lease", "floor-plan", "staff-health-certificates")),
        Arguments.of(
            "Rule_BuildingPermit",
            "building-permit",
            List.of("HOUSING", "NATURAL_RESOURCES", "FIRE_RESCUE"),
            List.of(
                "id-card", "land-use-certificate", "construction-drawings", "fire-safety-design")),
        Arguments.of(
            "Rule_OutdoorAdvertising",
            "outdoor-advertising",
            List.of("URBAN_MANAGEMENT"),
            List.of("id-card", "site-photo", "advert-design")),
        Arguments.of(
            "Rule_RoadExcavation",
            "road-excavation",
            List.of("MUNICIPAL_ENGINEERING", "TRAFFIC_POLICE"),
            List.of("id-card", "works-plan", "traffic-management-plan")),
        Arguments.of(
            "Rule_TreeFelling",
            "tree-felling",
            List.of("GARDENS"),
            List.of("id-card", "site-photo", "replanting-plan")),
        Arguments.of(
            "Rule_BusinessRegistration",
            "business-registration",
            List.of("MARKET_REGULATION", "TAXATION"),
            List.of("id-card", "articles-of-association", "premises-lease")),
        Arguments.of(
            "Rule_ResidenceRegistration",
            "residence-registration",
            List.of("PUBLIC_SECURITY"),
            List.of("id-card", "household-register", "proof-of-address")),
        Arguments.of(
            "Rule_GeneralApplication",
            "fishing-licence",
            List.of("ADMIN_APPROVAL"),
            List.of("id-card", "application-letter")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void requiresTheDepartmentsAndDocumentsOfItsRule(
      String rule, String permitType, List<String> departments, List<String> documents) {
    Map<String, Object> application = new HashMap<>();
    application.put("permitType", permitType);

    Object requirements = DECISION.evaluate(application);

    assertThat(requirements)
        .isInstanceOfSatisfying(
            Map.class,
            outputs -> {
              assertThat(outputs.get("requiredDepartments")).isEqualTo(departments);
              assertThat(outputs.get("requiredDocuments")).isEqualTo(documents);
            });
  }

  @Test
  void hasOneTestRowPerRule() {
    List<String> tested = rules().map(arguments -> (String) arguments.get()[0]).toList();

    assertThat(tested).containsExactlyElementsOf(Models.ruleIds(DECISION.file()));
  }
}
