package io.cityflow.infra.aws.stacks;

import static io.cityflow.infra.aws.SynthesizedApp.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.infra.aws.OperationalMetrics;
import io.cityflow.infra.aws.SynthesizedApp;
import io.cityflow.infra.aws.Templates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class OperationsStackTest {

  private final Template dev = template("dev", "Operations");
  private final Template prod = template("prod", "Operations");

  @Test
  void shouldNotifyTheAlarmTopicFromEveryAlarm() {
    // then nine alarms exist and each notifies the topic on alarm and on recovery
    dev.resourceCountIs("AWS::CloudWatch::Alarm", 9);
    dev.allResourcesProperties(
        "AWS::CloudWatch::Alarm",
        Match.objectLike(
            Map.of(
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("^Alarms"))),
                "OKActions", List.of(Map.of("Ref", Match.stringLikeRegexp("^Alarms"))))));
    // and the topic refuses plain HTTP and mails the configured address
    dev.hasResourceProperties(
        "AWS::SNS::TopicPolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Effect",
                                "Deny",
                                "Condition",
                                Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    prod.hasResourceProperties(
        "AWS::SNS::Subscription",
        Map.of("Protocol", "email", "Endpoint", SynthesizedApp.ALARM_EMAIL));
  }

  @Test
  void shouldAlarmOnFunctionErrorsApiServerErrorsAndAuroraCpu() {
    // then each function's errors, the API's 5xx and Aurora's CPU have an alarm
    assertThat(metricNames(dev, "AWS/Lambda")).containsExactly("Errors", "Errors", "Errors");
    dev.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace",
            "AWS/ApiGateway",
            "MetricName",
            "5xx",
            "Statistic",
            "Sum",
            "Threshold",
            10));
    prod.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of("Namespace", "AWS/Lambda", "MetricName", "Errors", "Threshold", 1));
    dev.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace",
            "AWS/RDS",
            "MetricName",
            "CPUUtilization",
            "Threshold",
            80,
            "EvaluationPeriods",
            3,
            "Dimensions",
            List.of(Match.objectLike(Map.of("Name", "DBClusterIdentifier")))));
  }

  @Test
  void shouldAlarmAsSoonAsAMessageReachesADeadLetterQueue() {
    // then the three dead-letter queues alarm at one visible message
    assertThat(metricNames(dev, "AWS/SQS"))
        .containsExactly(
            "ApproximateNumberOfMessagesVisible",
            "ApproximateNumberOfMessagesVisible",
            "ApproximateNumberOfMessagesVisible");
    dev.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "AlarmDescription",
            Match.stringLikeRegexp("redrive"),
            "MetricName",
            "ApproximateNumberOfMessagesVisible",
            "Threshold",
            1,
            "ComparisonOperator",
            "GreaterThanOrEqualToThreshold"));
  }

  @Test
  void shouldAlarmOnOutboxLagAndOnMissingLagData() {
    // then the outbox lag alarm reads the workers' metric and treats silence as a breach
    dev.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of(
            "Namespace",
            OperationalMetrics.NAMESPACE,
            "MetricName",
            OperationalMetrics.OUTBOX_LAG_SECONDS,
            "Dimensions",
            List.of(Map.of("Name", "Environment", "Value", "dev")),
            "Threshold",
            600,
            "TreatMissingData",
            "breaching"));
    prod.hasResourceProperties(
        "AWS::CloudWatch::Alarm",
        Map.of("MetricName", OperationalMetrics.OUTBOX_LAG_SECONDS, "Threshold", 300));
  }

  @Test
  void shouldShowTheWholePlatformOnOneDashboard() {
    // then the dashboard charts API, functions, queues, Aurora, workers and the outbox
    Map<String, Object> dashboard =
        Templates.properties(
            Templates.resources(dev, "AWS::CloudWatch::Dashboard").values().iterator().next());
    assertThat(dashboard).containsEntry("DashboardName", "CityFlow-dev");
    assertThat(dashboard.get("DashboardBody").toString())
        .contains("API requests and errors")
        .contains("Dead-letter and rejected events")
        .contains("ServerlessDatabaseCapacity")
        .contains(OperationalMetrics.OUTBOX_LAG_SECONDS);
  }

  private static List<Object> metricNames(Template template, String namespace) {
    return Templates.resources(template, "AWS::CloudWatch::Alarm").values().stream()
        .map(Templates::properties)
        .filter(props -> namespace.equals(props.get("Namespace")))
        .map(props -> props.get("MetricName"))
        .toList();
  }
}
