package io.cityflow.infra.aws.stacks;

import static io.cityflow.infra.aws.SynthesizedApp.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.infra.aws.EnvVars;
import io.cityflow.infra.aws.Handlers;
import io.cityflow.infra.aws.Templates;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DevicesStackTest {

  private final Template dev = template("dev", "Devices");

  private Map<String, Object> function(Handlers.Handler handler) {
    return Templates.javaFunctionsByHandler(dev).get(handler.className());
  }

  @Test
  void shouldRouteDeviceTopicsToTheEventsQueue() {
    // then the topic rule selects every device's events topic and sends them to the queue
    dev.hasResourceProperties(
        "AWS::IoT::TopicRule",
        Map.of(
            "TopicRulePayload",
            Match.objectLike(
                Map.of(
                    "Sql",
                    "SELECT * FROM 'city/devices/+/events'",
                    "RuleDisabled",
                    false,
                    "Actions",
                    List.of(
                        Map.of(
                            "Sqs",
                            Map.of(
                                "QueueUrl", Map.of("Ref", Match.stringLikeRegexp("^Events")),
                                "RoleArn", Match.anyValue(),
                                "UseBase64", false))),
                    "ErrorAction",
                    Map.of(
                        "CloudwatchLogs",
                        Match.objectLike(Map.of("LogGroupName", Match.anyValue())))))));
    // and the rule's role may only enqueue and log its errors
    String ruleRole =
        Templates.resources(dev, "AWS::IAM::Role").keySet().stream()
            .filter(id -> id.startsWith("TopicRuleRole"))
            .findFirst()
            .orElseThrow();
    assertThat(Templates.allowedActions(dev, ruleRole))
        .containsExactly("logs:CreateLogStream", "logs:PutLogEvents", "sqs:SendMessage");
  }

  @Test
  void shouldAlsoSendSmokeAndFireAlarmsToTheEmergencyQueue() {
    // then a second rule selects smoke and fire alarms into their own queue
    dev.hasResourceProperties(
        "AWS::IoT::TopicRule",
        Map.of(
            "TopicRulePayload",
            Match.objectLike(
                Map.of(
                    "Sql",
                    "SELECT * FROM 'city/devices/+/events' WHERE alarm.code = 'smoke' OR alarm.code = 'fire'",
                    "Actions",
                    List.of(
                        Map.of(
                            "Sqs",
                            Match.objectLike(
                                Map.of(
                                    "QueueUrl",
                                    Map.of(
                                        "Ref", Match.stringLikeRegexp("^EmergencyEvents"))))))))));
    // and the function takes them one at a time, without a batching window
    dev.hasResourceProperties(
        "AWS::Lambda::EventSourceMapping",
        Map.of(
            "EventSourceArn",
            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^EmergencyEvents"), "Arn")),
            "BatchSize",
            1,
            "FunctionResponseTypes",
            List.of("ReportBatchItemFailures"),
            "MaximumBatchingWindowInSeconds",
            Match.absent()));
  }

  @Test
  void shouldLetADevicePublishOnlyToItsOwnTopic() {
    // then the device policy binds client id and topic to the certificate's thing name
    assertThat(dev.toJSON().toString())
        .contains("topic/city/devices/${iot:Connection.Thing.ThingName}/events")
        .contains(":client/${iot:Connection.Thing.ThingName}");
    dev.hasResourceProperties("AWS::IoT::Policy", Map.of("PolicyName", "cityflow-dev-device"));
  }

  @Test
  void shouldEncryptTheQueuesAndSendRepeatedFailuresToTheDeadLetterQueue() {
    // then the events queue is encrypted, redrives after five receives and outlasts six timeouts
    dev.hasResourceProperties(
        "AWS::SQS::Queue",
        Map.of(
            "SqsManagedSseEnabled",
            true,
            "VisibilityTimeout",
            180,
            "RedrivePolicy",
            Map.of(
                "deadLetterTargetArn",
                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("EventsDeadLetters"), "Arn")),
                "maxReceiveCount",
                5)));
    dev.allResourcesProperties(
        "AWS::SQS::Queue", Match.objectLike(Map.of("SqsManagedSseEnabled", true)));
  }

  @Test
  void shouldConsumeTheQueueWithPartialBatchResponses() {
    // then the mapping targets the live alias and reports failed messages one by one
    dev.hasResourceProperties(
        "AWS::Lambda::EventSourceMapping",
        Map.of(
            "EventSourceArn",
            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^Events"), "Arn")),
            "FunctionName",
            Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(":live")))),
            "FunctionResponseTypes",
            List.of("ReportBatchItemFailures"),
            "BatchSize",
            10,
            "ScalingConfig",
            Map.of("MaximumConcurrency", 5)));
    assertThat(dev.findResources("AWS::Lambda::EventSourceMapping").toString())
        .contains("DeviceEventsLive");
    dev.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler", Handlers.DEVICE_EVENTS_SQS.className(),
            "Runtime", "java17",
            "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    // and the function may consume both queues, divert rejected events and read its secrets
    String role = Templates.roleOf(function(Handlers.DEVICE_EVENTS_SQS));
    assertThat(Templates.allowedActions(dev, role))
        .containsExactly(
            "secretsmanager:GetSecretValue",
            "sqs:ChangeMessageVisibility",
            "sqs:ChangeMessageVisibility",
            "sqs:DeleteMessage",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes",
            "sqs:GetQueueAttributes",
            "sqs:GetQueueUrl",
            "sqs:GetQueueUrl",
            "sqs:ReceiveMessage",
            "sqs:ReceiveMessage",
            "sqs:SendMessage",
            "xray:PutTelemetryRecords",
            "xray:PutTraceSegments");
    assertThat(Templates.statement(dev, role, "DivertRejectedEvents").get("Resource").toString())
        .contains("RejectedEvents");
    assertThat(Templates.environment(function(Handlers.DEVICE_EVENTS_SQS)))
        .containsKey(EnvVars.DEVICES_REJECTED_QUEUE_URL);
  }

  @Test
  void shouldRunTheHeartbeatCheckOnASchedule() {
    // then a rule invokes the live alias every minute, with retries and a dead-letter queue
    dev.hasResourceProperties(
        "AWS::Events::Rule",
        Map.of(
            "ScheduleExpression",
            "rate(1 minute)",
            "Targets",
            List.of(
                Match.objectLike(
                    Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("HeartbeatCheckLive")),
                        "RetryPolicy",
                            Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 3600),
                        "DeadLetterConfig", Match.objectLike(Map.of("Arn", Match.anyValue())))))));
    Map<String, Object> heartbeat = function(Handlers.HEARTBEAT_CHECK);
    assertThat(heartbeat).containsEntry("Runtime", "java17");
    assertThat(Templates.environment(heartbeat))
        .doesNotContainKey(EnvVars.DEVICES_REJECTED_QUEUE_URL)
        .containsKeys(EnvVars.DATASOURCE_URL, EnvVars.CAMUNDA_CREDENTIALS_SECRET_ARN);
    assertThat(Templates.allowedActions(dev, Templates.roleOf(heartbeat)))
        .containsExactly(
            "secretsmanager:GetSecretValue", "xray:PutTelemetryRecords", "xray:PutTraceSegments");
  }
}
