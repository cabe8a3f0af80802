package io.cityflow.infra.aws.stacks;

import static io.cityflow.infra.aws.config.Durations.cdk;

import io.cityflow.infra.aws.EnvVars;
import io.cityflow.infra.aws.Handlers;
import io.cityflow.infra.aws.config.EnvironmentConfig;
import io.cityflow.infra.aws.constructs.CityFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iot.CfnPolicy;
import software.amazon.awscdk.services.iot.CfnTopicRule;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Device ingestion. Devices publish to {@code city/devices/<deviceId>/events} through IoT Core; a
 * topic rule puts each message on an SQS queue, and the device-events function consumes it in
 * batches, reporting failed messages individually so that only those are retried. A message that
 * keeps failing lands in the dead-letter queue, from which an operator redrives it; messages the
 * function rejects as invalid go to the rejected-events queue with their reason. Smoke and fire
 * alarms also go to an emergency queue consumed one at a time (the function de-duplicates by event
 * id, so the second copy changes nothing). A scheduled function checks device heartbeats.
 */
public final class DevicesStack extends Stack {

  /** The MQTT topic filter devices publish their events to. */
  public static final String EVENTS_TOPIC_FILTER = "city/devices/+/events";

  /** Events that need the emergency path; they also reach {@link #EVENTS_TOPIC_FILTER}'s queue. */
  public static final String EMERGENCY_CONDITION = "alarm.code = 'smoke' OR alarm.code = 'fire'";

  private final Queue events;
  private final Queue eventsDeadLetters;
  private final Queue emergencyEvents;
  private final Queue emergencyDeadLetters;
  private final Queue rejectedEvents;
  private final Queue heartbeatDeadLetters;
  private final CityFunction deviceEvents;
  private final CityFunction heartbeatCheck;
  private final CfnTopicRule topicRule;
  private final LogGroup ruleErrors;

  public DevicesStack(
      Construct scope,
      String id,
      StackProps props,
      EnvironmentConfig config,
      NetworkDataStack data) {
    super(scope, id, props);
    EnvironmentConfig.Devices devices = config.devices();
    RemovalPolicy logRemoval = config.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    Duration timeout = cdk(devices.timeout());

    eventsDeadLetters = deadLetterQueue("EventsDeadLetters");
    events = eventQueue("Events", eventsDeadLetters, devices);
    emergencyDeadLetters = deadLetterQueue("EmergencyDeadLetters");
    emergencyEvents = eventQueue("EmergencyEvents", emergencyDeadLetters, devices);
    rejectedEvents = deadLetterQueue("RejectedEvents");

    Map<String, String> env = new LinkedHashMap<>(data.runtimeEnvironment());
    env.put(EnvVars.DEVICES_REJECTED_QUEUE_URL, rejectedEvents.getQueueUrl());
    deviceEvents =
        new CityFunction(
            this,
            "DeviceEvents",
            new CityFunction.Props(
                Handlers.DEVICE_EVENTS_SQS,
                config.artifacts().deviceEventsCode(),
                "CityFlow device events from SQS: validate, de-duplicate, raise alerts",
                devices.memoryMb(),
                timeout,
                env,
                data.vpc(),
                data.workloadSecurityGroup(),
                config.operations().logRetention(),
                logRemoval));
    data.grantRuntimeSecrets(deviceEvents.function());
    deviceEvents
        .alias()
        .addEventSource(
            new SqsEventSource(
                events,
                SqsEventSourceProps.builder()
                    .batchSize(devices.batchSize())
                    .maxBatchingWindow(cdk(devices.maxBatchingWindow()))
                    .maxConcurrency(devices.maxConcurrency())
                    .reportBatchItemFailures(true)
                    .build()));
    // Fire and smoke alarms one by one, without waiting for a batch to fill.
    deviceEvents
        .alias()
        .addEventSource(
            new SqsEventSource(
                emergencyEvents,
                SqsEventSourceProps.builder()
                    .batchSize(1)
                    .maxConcurrency(devices.maxConcurrency())
                    .reportBatchItemFailures(true)
                    .build()));
    deviceEvents
        .function()
        .addToRolePolicy(
            PolicyStatement.Builder.create()
                .sid("DivertRejectedEvents")
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(rejectedEvents.getQueueArn()))
                .build());

    heartbeatCheck =
        new CityFunction(
            this,
            "HeartbeatCheck",
            new CityFunction.Props(
                Handlers.HEARTBEAT_CHECK,
                config.artifacts().deviceEventsCode(),
                "CityFlow heartbeat check: raises alerts for devices that went silent",
                devices.memoryMb(),
                Duration.minutes(1),
                data.runtimeEnvironment(),
                data.vpc(),
                data.workloadSecurityGroup(),
                config.operations().logRetention(),
                logRemoval));
    data.grantRuntimeSecrets(heartbeatCheck.function());
    heartbeatDeadLetters = deadLetterQueue("HeartbeatDeadLetters");
    Rule.Builder.create(this, "HeartbeatSchedule")
        .description("Runs the device heartbeat check")
        .schedule(Schedule.rate(cdk(devices.heartbeatInterval())))
        .targets(
            List.of(
                new LambdaFunction(
                    heartbeatCheck.alias(),
                    LambdaFunctionProps.builder()
                        .deadLetterQueue(heartbeatDeadLetters)
                        .retryAttempts(2)
                        .maxEventAge(Duration.hours(1))
                        .build())))
        .build();

    ruleErrors =
        LogGroup.Builder.create(this, "TopicRuleErrors")
            .retention(config.operations().logRetention())
            .removalPolicy(config.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
            .build();
    Role ruleRole = topicRuleRole();
    topicRule =
        topicRule(
            "EventsRule",
            config.resourcePrefix().replace('-', '_') + "_device_events",
            "Device events to the device-events queue",
            "SELECT * FROM '" + EVENTS_TOPIC_FILTER + "'",
            events,
            ruleRole);
    topicRule(
        "EmergencyRule",
        config.resourcePrefix().replace('-', '_') + "_device_emergencies",
        "Smoke and fire alarms, also to the emergency queue",
        "SELECT * FROM '" + EVENTS_TOPIC_FILTER + "' WHERE " + EMERGENCY_CONDITION,
        emergencyEvents,
        ruleRole);
    devicePolicy(config);
    CfnOutput.Builder.create(this, "EventsQueueArn").value(events.getQueueArn()).build();
    CfnOutput.Builder.create(this, "EventsDeadLetterQueueArn")
        .value(eventsDeadLetters.getQueueArn())
        .build();
  }

  private Queue deadLetterQueue(String id) {
    return Queue.Builder.create(this, id)
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .retentionPeriod(Duration.days(14))
        .build();
  }

  /** Lambda's guidance: a visibility timeout of at least six function timeouts. */
  private Queue eventQueue(String id, Queue deadLetters, EnvironmentConfig.Devices devices) {
    return Queue.Builder.create(this, id)
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .visibilityTimeout(Duration.seconds(devices.timeout().toSeconds() * 6))
        .retentionPeriod(Duration.days(4))
        .deadLetterQueue(
            DeadLetterQueue.builder()
                .queue(deadLetters)
                .maxReceiveCount(devices.maxReceiveCount())
                .build())
        .build();
  }

  private Role topicRuleRole() {
    Role role =
        Role.Builder.create(this, "TopicRuleRole")
            .assumedBy(new ServicePrincipal("iot.amazonaws.com"))
            .description("Lets the device topic rules enqueue messages and log their errors")
            .build();
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("EnqueueDeviceEvents")
            .actions(List.of("sqs:SendMessage"))
            .resources(List.of(events.getQueueArn(), emergencyEvents.getQueueArn()))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("LogRuleErrors")
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(List.of(ruleErrors.getLogGroupArn()))
            .build());
    return role;
  }

  private CfnTopicRule topicRule(
      String id, String name, String description, String sql, Queue queue, Role role) {
    return CfnTopicRule.Builder.create(this, id)
        .ruleName(name)
        .topicRulePayload(
            CfnTopicRule.TopicRulePayloadProperty.builder()
                .description(description)
                .sql(sql)
                .awsIotSqlVersion("2016-03-23")
                .ruleDisabled(false)
                .actions(
                    List.of(
                        CfnTopicRule.ActionProperty.builder()
                            .sqs(
                                CfnTopicRule.SqsActionProperty.builder()
                                    .queueUrl(queue.getQueueUrl())
                                    .roleArn(role.getRoleArn())
                                    .useBase64(false)
                                    .build())
                            .build()))
                .errorAction(
                    CfnTopicRule.ActionProperty.builder()
                        .cloudwatchLogs(
                            CfnTopicRule.CloudwatchLogsActionProperty.builder()
                                .logGroupName(ruleErrors.getLogGroupName())
                                .roleArn(role.getRoleArn())
                                .build())
                        .build())
                .build())
        .build();
  }

  /**
   * The IoT policy attached to every device certificate: a device connects under its own thing name
   * and may publish only to its own events topic.
   */
  private void devicePolicy(EnvironmentConfig config) {
    String clientArn = "arn:" + getPartition() + ":iot:" + getRegion() + ":" + getAccount();
    CfnPolicy.Builder.create(this, "DevicePolicy")
        .policyName(config.resourcePrefix() + "-device")
        .policyDocument(
            Map.of(
                "Version",
                "2012-10-17",
                "Statement",
                List.of(
                    Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        List.of("iot:Connect"),
                        "Resource",
                        List.of(clientArn + ":client/${iot:Connection.Thing.ThingName}")),
                    Map.of(
                        "Effect",
                        "Allow",
                        "Action",
                        List.of("iot:Publish"),
                        "Resource",
                        List.of(
                            clientArn
                                + ":topic/city/devices/${iot:Connection.Thing.ThingName}/events")))))
        .build();
  }

  public Queue events() {
    return events;
  }

  public Queue eventsDeadLetters() {
    return eventsDeadLetters;
  }

  public Queue emergencyEvents() {
    return emergencyEvents;
  }

  public Queue emergencyDeadLetters() {
    return emergencyDeadLetters;
  }

  public Queue rejectedEvents() {
    return rejectedEvents;
  }

  public Queue heartbeatDeadLetters() {
    return heartbeatDeadLetters;
  }

  public CityFunction deviceEvents() {
    return deviceEvents;
  }

  public CityFunction heartbeatCheck() {
    return heartbeatCheck;
  }

  public CfnTopicRule topicRule() {
    return topicRule;
  }
}
