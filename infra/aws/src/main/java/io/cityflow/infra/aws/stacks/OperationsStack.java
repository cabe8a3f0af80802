package io.cityflow.infra.aws.stacks;

import static io.cityflow.infra.aws.config.Durations.cdk;

import io.cityflow.infra.aws.OperationalMetrics;
import io.cityflow.infra.aws.config.EnvironmentConfig;
import io.cityflow.infra.aws.constructs.CityFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Alarms and the dashboard. Every alarm notifies one SNS topic (with an e-mail subscription when
 * the environment names an address): function errors, dead-letter queue depth, API server errors,
 * Aurora CPU and the outbox lag that the workers publish ({@link OperationalMetrics}).
 */
public final class OperationsStack extends Stack {

  private final Topic alarmTopic;
  private final List<Alarm> alarms = new ArrayList<>();
  private final Dashboard dashboard;

  public OperationsStack(
      Construct scope,
      String id,
      StackProps props,
      EnvironmentConfig config,
      NetworkDataStack data,
      ApiStack api,
      DevicesStack devices,
      WorkersStack workers) {
    super(scope, id, props);
    EnvironmentConfig.Operations ops = config.operations();
    Duration fiveMinutes = Duration.minutes(5);

    alarmTopic =
        Topic.Builder.create(this, "Alarms")
            .topicName(config.resourcePrefix() + "-alarms")
            .displayName("CityFlow " + config.name() + " alarms")
            .enforceSsl(true)
            .build();
    ops.alarmEmail().ifPresent(email -> alarmTopic.addSubscription(new EmailSubscription(email)));

    List<CityFunction> functions =
        List.of(api.caseApi(), devices.deviceEvents(), devices.heartbeatCheck());
    List<String> functionNames = List.of("CaseApi", "DeviceEvents", "HeartbeatCheck");
    for (int i = 0; i < functions.size(); i++) {
      alarm(
          functionNames.get(i) + "Errors",
          "Lambda function " + functionNames.get(i) + " reported errors",
          functions.get(i).function().metricErrors(sum(fiveMinutes)),
          ops.lambdaErrorThreshold(),
          1,
          TreatMissingData.NOT_BREACHING);
    }
    deadLetterAlarm(
        "DeviceEventsRedrive",
        "Device events failed repeatedly and wait in the dead-letter queue; fix the cause, then"
            + " redrive them to the events queue",
        devices.eventsDeadLetters());
    deadLetterAlarm(
        "DeviceEmergenciesRedrive",
        "Smoke or fire alarms failed repeatedly and wait in the emergency dead-letter queue; fix"
            + " the cause, then redrive them to the emergency queue",
        devices.emergencyDeadLetters());
    deadLetterAlarm(
        "HeartbeatCheckDeadLetters",
        "Scheduled heartbeat checks could not be delivered to the function",
        devices.heartbeatDeadLetters());
    alarm(
        "ApiServerErrors",
        "The case API answered with 5xx errors",
        api.httpApi().metricServerError(sum(fiveMinutes)),
        ops.api5xxThreshold(),
        1,
        TreatMissingData.NOT_BREACHING);
    alarm(
        "DatabaseCpu",
        "Aurora CPU stays high; check the capacity limits and slow queries",
        data.database().metricCPUUtilization(average(fiveMinutes)),
        ops.databaseCpuPercent(),
        3,
        TreatMissingData.NOT_BREACHING);
    // No data means the dispatcher is not publishing, that is, not running.
    alarm(
        "OutboxLag",
        "Workflow commands wait in the outbox; is the dispatcher running and Camunda reachable?",
        outboxLag(config),
        cdk(ops.outboxLagThreshold()).toSeconds(),
        3,
        TreatMissingData.BREACHING);

    dashboard =
        Dashboard.Builder.create(this, "Dashboard")
            .dashboardName(config.stackPrefix())
            .widgets(widgets(config, data, api, devices, workers, functions))
            .build();
  }

  private void deadLetterAlarm(String id, String description, IQueue queue) {
    alarm(
        id,
        description,
        queue.metricApproximateNumberOfMessagesVisible(
            MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build()),
        1,
        1,
        TreatMissingData.NOT_BREACHING);
  }

  private void alarm(
      String id,
      String description,
      IMetric metric,
      Number threshold,
      int periods,
      TreatMissingData missing) {
    Alarm alarm =
        Alarm.Builder.create(this, id)
            .alarmDescription(description)
            .metric(metric)
            .threshold(threshold)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .evaluationPeriods(periods)
            .datapointsToAlarm(periods)
            .treatMissingData(missing)
            .build();
    SnsAction action = new SnsAction(alarmTopic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    alarms.add(alarm);
  }

  private static Metric outboxLag(EnvironmentConfig config) {
    return Metric.Builder.create()
        .namespace(OperationalMetrics.NAMESPACE)
        .metricName(OperationalMetrics.OUTBOX_LAG_SECONDS)
        .dimensionsMap(Map.of(OperationalMetrics.ENVIRONMENT_DIMENSION, config.name()))
        .statistic("Maximum")
        .period(Duration.minutes(1))
        .build();
  }

  private static MetricOptions sum(Duration period) {
    return MetricOptions.builder().period(period).statistic("Sum").build();
  }

  private static MetricOptions average(Duration period) {
    return MetricOptions.builder().period(period).statistic("Average").build();
  }

  private static List<List<IWidget>> widgets(
      EnvironmentConfig config,
      NetworkDataStack data,
      ApiStack api,
      DevicesStack devices,
      WorkersStack workers,
      List<CityFunction> functions) {
    Duration minute = Duration.minutes(1);
    List<IMetric> errors = new ArrayList<>();
    List<IMetric> durations = new ArrayList<>();
    for (CityFunction function : functions) {
      errors.add(function.function().metricErrors(sum(minute)));
      durations.add(
          function
              .function()
              .metricDuration(MetricOptions.builder().period(minute).statistic("p99").build()));
    }
    return List.of(
        List.of(
            graph(
                "API requests and errors",
                List.of(
                    api.httpApi().metricCount(sum(minute)),
                    api.httpApi().metricClientError(sum(minute)),
                    api.httpApi().metricServerError(sum(minute)))),
            graph(
                "API latency p99",
                List.of(
                    api.httpApi()
                        .metricLatency(
                            MetricOptions.builder().period(minute).statistic("p99").build())))),
        List.of(graph("Function errors", errors), graph("Function duration p99", durations)),
        List.of(
            graph(
                "Device event queues",
                List.of(
                    devices.events().metricApproximateNumberOfMessagesVisible(),
                    devices.events().metricApproximateAgeOfOldestMessage(),
                    devices.emergencyEvents().metricApproximateAgeOfOldestMessage())),
            graph(
                "Dead-letter and rejected events",
                List.of(
                    devices.eventsDeadLetters().metricApproximateNumberOfMessagesVisible(),
                    devices.emergencyDeadLetters().metricApproximateNumberOfMessagesVisible(),
                    devices.heartbeatDeadLetters().metricApproximateNumberOfMessagesVisible(),
                    devices.rejectedEvents().metricApproximateNumberOfMessagesVisible()))),
        List.of(
            graph(
                "Aurora",
                List.of(
                    data.database().metricCPUUtilization(),
                    data.database().metricDatabaseConnections(),
                    data.database().metric("ServerlessDatabaseCapacity"))),
            graph(
                "Workers and outbox",
                List.of(
                    workers.service().metricCpuUtilization(),
                    workers.service().metricMemoryUtilization(),
                    outboxLag(config)))));
  }

  private static GraphWidget graph(String title, List<IMetric> metrics) {
    return GraphWidget.Builder.create().title(title).left(metrics).width(12).height(6).build();
  }

  public Topic alarmTopic() {
    return alarmTopic;
  }

  public List<Alarm> alarms() {
    return List.copyOf(alarms);
  }

  public Dashboard dashboard() {
    return dashboard;
  }
}
