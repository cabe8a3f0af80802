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

class HotlineRoutingDecisionTest {
  private static final Decisions DECISION = new Decisions("hotline-routing");

  /** One row per rule of the table, in table order: rule, inputs, expected department. */
  static Stream<Arguments> rules() {
    return Stream.of(
        row(
            "Rule_TransferRequested",
            "HOUSING",
            "water",
            "XINGQING_DISTRICT",
            "no water",
            "HOUSING"),
        row("Rule_GasLeak", null, "housing", null, "Strong smell of gas in the stairwell", "GAS"),
        row("Rule_FireOrSmoke", null, "noise", null, "Smoke coming from a shop", "FIRE_RESCUE"),
        row("Rule_SewageOrFlooding", null, "water", null, "Sewage in the courtyard", "DRAINAGE"),
        row(
            "Rule_Water",
            null,
            "water",
            "JINFENG_DISTRICT",
            "No water since morning",
            "WATER_SUPPLY"),
        row("Rule_Drainage", null, "drainage", null, "Blocked drain", "DRAINAGE"),
        row(
            "Rule_RoadsAndLights",
            null,
            "street-light",
            null,
            "Lamp is out",
            "MUNICIPAL_ENGINEERING"),
        row("Rule_SanitationAndWaste", null, "waste", null, "Bins not emptied", "SANITATION"),
        row(
            "Rule_NoiseAndPollution",
            null,
            "noise",
            null,
            "Loud music at night",
            "ECO_ENVIRONMENT"),
        row(
            "Rule_TrafficAndParking",
            null,
            "parking",
            null,
            "Car on the pavement",
            "TRAFFIC_POLICE"),
        row(
            "Rule_CountyUrbanManagement",
            null,
            "illegal-construction",
            "HELAN_COUNTY",
            "A shed built on the pavement",
            "HELAN_COUNTY"),
        row(
            "Rule_UrbanManagement",
            null,
            "street-vending",
            "XIXIA_DISTRICT",
            "Stalls block the entrance",
            "URBAN_MANAGEMENT"),
        row("Rule_Housing", null, "housing", null, "Leaking roof", "HOUSING"),
        row("Rule_Heating", null, "heating", null, "Radiators are cold", "HEATING"),
        row("Rule_Gas", null, "gas", null, "Gas bill is wrong", "GAS"),
        row("Rule_Power", null, "power", null, "Power cut", "POWER"),
        row("Rule_Bus", null, "bus", null, "Bus 12 skipped our stop", "PUBLIC_TRANSIT"),
        row("Rule_Greenery", null, "greenery", null, "Dead tree in the park", "GARDENS"),
        row(
            "Rule_SocialSecurity",
            null,
            "social-security",
            null,
            "Pension late",
            "HUMAN_RESOURCES"),
        row(
            "Rule_CivilAffairs",
            null,
            "elderly-care",
            null,
            "Neighbour needs help",
            "CIVIL_AFFAIRS"),
        row(
            "Rule_MarketRegulation",
            null,
            "food-safety",
            null,
            "Expired milk on sale",
            "MARKET_REGULATION"),
        row("Rule_Fire", null, "fire", null, "Blocked fire exit", "FIRE_RESCUE"),
        row("Rule_TriageDesk", null, "other", null, "I have a question", "CITY_HOTLINE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void routesTicketToTheDepartmentOfItsRule(
      String rule,
      String transferTo,
      String category,
      String district,
      String description,
      String department) {
    Map<String, Object> ticket = new HashMap<>();
    ticket.put("transferTo", transferTo);
    ticket.put("category", category);
    ticket.put("district", district);
    ticket.put("description", description);

    Object routed = DECISION.evaluate(ticket);

    assertThat(routed).isEqualTo(department);
  }

  @Test
  void sendsATicketWithoutCategoryOrTextToTheTriageDesk() {
    Map<String, Object> ticket = new HashMap<>();
    ticket.put("transferTo", null);
    ticket.put("category", null);
    ticket.put("district", null);
    ticket.put("description", null);

    assertThat(DECISION.evaluate(ticket)).isEqualTo("CITY_HOTLINE");
  }

  @Test
  void hasOneTestRowPerRule() {
    List<String> tested = rules().map(arguments -> (String) arguments.get()[0]).toList();

    assertThat(tested).containsExactlyElementsOf(Models.ruleIds(DECISION.file()));
  }

  private static Arguments row(
      String rule,
      String transferTo,
      String category,
      String district,
      String description,
      String department) {
    return Arguments.of(rule, transferTo, category, district, description, department);
  }
}
