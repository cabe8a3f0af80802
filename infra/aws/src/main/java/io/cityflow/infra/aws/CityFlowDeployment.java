package io.cityflow.infra.aws;

import io.cityflow.infra.aws.config.EnvironmentConfig;
import io.cityflow.infra.aws.stacks.ApiStack;
import io.cityflow.infra.aws.stacks.DevicesStack;
import io.cityflow.infra.aws.stacks.NetworkDataStack;
import io.cityflow.infra.aws.stacks.OperationsStack;
import io.cityflow.infra.aws.stacks.WorkersStack;
import java.util.List;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * One environment of the platform: five stacks. Network and data come first. The workers come next:
 * their service migrates the case schema when a deployment starts it, so the API stack waits for
 * them and its new version goes live on the migrated schema (docs/adr/0012). Devices depend only on
 * network and data (the device-events functions migrate their own tables); operations watches them
 * all.
 */
public record CityFlowDeployment(
    NetworkDataStack networkData,
    ApiStack api,
    DevicesStack devices,
    WorkersStack workers,
    OperationsStack operations) {

  /** Adds the environment's stacks to {@code scope} (the CDK app). */
  public static CityFlowDeployment create(Construct scope, EnvironmentConfig config) {
    Environment.Builder environment = Environment.builder().region(config.region());
    config.account().ifPresent(environment::account);
    StackProps props = StackProps.builder().env(environment.build()).build();
    String prefix = config.stackPrefix();

    NetworkDataStack data =
        new NetworkDataStack(
            scope,
            prefix + "-NetworkData",
            describe(
                props,
                config,
                "network, Aurora PostgreSQL behind RDS Proxy, storage bucket, secrets"),
            config);
    ApiStack api =
        new ApiStack(
            scope,
            prefix + "-Api",
            describe(
                props,
                config,
                "case API function, HTTP API, staff user pool, web pages on CloudFront"),
            config,
            data);
    DevicesStack devices =
        new DevicesStack(
            scope,
            prefix + "-Devices",
            describe(
                props, config, "IoT topic rule, device events queue and function, heartbeat check"),
            config,
            data);
    WorkersStack workers =
        new WorkersStack(
            scope,
            prefix + "-Workers",
            describe(props, config, "job workers and outbox dispatcher on ECS Fargate"),
            config,
            data);
    OperationsStack operations =
        new OperationsStack(
            scope,
            prefix + "-Operations",
            describe(props, config, "alarms and dashboard"),
            config,
            data,
            api,
            devices,
            workers);

    api.addStackDependency(
        workers, "the workers' service migrates the case schema before the API's new version");
    CityFlowDeployment deployment = new CityFlowDeployment(data, api, devices, workers, operations);
    for (Stack stack : deployment.stacks()) {
      Tags.of(stack).add("project", "cityflow");
      Tags.of(stack).add("environment", config.name());
    }
    if (config.camunda().isPlaceholder()) {
      Annotations.of(data)
          .addWarningV2(
              "cityflow:camunda-placeholder",
              "No Camunda cluster configured for "
                  + config.name()
                  + ": functions and workers get the placeholder address "
                  + config.camunda().restAddress()
                  + ". Set the context value camundaRestAddress (docs/deploy.md).");
    }
    return deployment;
  }

  private static StackProps describe(StackProps base, EnvironmentConfig config, String what) {
    return StackProps.builder()
        .env(base.getEnv())
        .description("CityFlow " + config.name() + ": " + what)
        .build();
  }

  /** The stacks in an order CloudFormation can deploy them. */
  public List<Stack> stacks() {
    return List.of(networkData, workers, api, devices, operations);
  }
}
