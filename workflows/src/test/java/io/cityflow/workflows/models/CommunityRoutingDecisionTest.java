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

class CommunityRoutingDecisionTest {
  private static final Decisions DECISION = new Decisions("community-routing");

  /** One row per rule, in table order: rule, community, service station. */
  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("Rule_XqLiqun", "XQ_LIQUN", "XQ_LIQUN_STATION"),
        Arguments.of("Rule_XqYuhuang", "XQ_YUHUANG", "XQ_YUHUANG_STATION"),
        Arguments.of("Rule_JfManchun", "JF_MANCHUN", "JF_MANCHUN_STATION"),
        Arguments.of("Rule_JfShanghaiRd", "JF_SHANGHAI_RD", "JF_SHANGHAI_RD_STATION"),
        Arguments.of("Rule_XxHelanshan", "XX_HELANSHAN", "XX_HELANSHAN_STATION"),
        Arguments.of("Rule_XxWenchang", "XX_WENCHANG", "XX_WENCHANG_STATION"),
        Arguments.of("Rule_CommunityServiceCentre", "UNKNOWN_COMMUNITY", "COMMUNITY_SERVICES"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void routesRequestToTheStationOfItsRule(String rule, String community, String station) {
    Map<String, Object> request = new HashMap<>();
    request.put("community", community);

    Object routed = DECISION.evaluate(request);

    assertThat(routed).isEqualTo(station);
  }

  @Test
  void hasOneTestRowPerRule() {
    List<String> tested = rules().map(arguments -> (String) arguments.get()[0]).toList();

    assertThat(tested).containsExactlyElementsOf(Models.ruleIds(DECISION.file()));
  }
}
