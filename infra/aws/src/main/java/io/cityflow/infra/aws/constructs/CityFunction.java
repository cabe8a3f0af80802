package io.cityflow.infra.aws.constructs;

import io.cityflow.infra.aws.Handlers.Handler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A Java 17 Lambda function the way every CityFlow function runs: arm64, in the VPC's private
 * subnets, X-Ray tracing, JSON logs into its own log group with a retention, and SnapStart on the
 * published versions. Triggers must target {@link #alias()}: SnapStart only applies to published
 * versions, and the alias always points at the version of the current deployment.
 */
public final class CityFunction extends Construct {

  /** The name of the alias that triggers use. */
  public static final String ALIAS_NAME = "live";

  /**
   * What differs between functions.
   *
   * @param code the jar or directory with the function's code
   * @param environment environment variables; never secrets
   */
  public record Props(
      Handler handler,
      Path code,
      String description,
      int memoryMb,
      Duration timeout,
      Map<String, String> environment,
      IVpc vpc,
      ISecurityGroup securityGroup,
      RetentionDays logRetention,
      RemovalPolicy logRemovalPolicy) {}

  private final Function function;
  private final Alias alias;
  private final LogGroup logGroup;

  public CityFunction(Construct scope, String id, Props props) {
    super(scope, id);
    logGroup =
        LogGroup.Builder.create(this, "Logs")
            .retention(props.logRetention())
            .removalPolicy(props.logRemovalPolicy())
            .build();
    function =
        Function.Builder.create(this, "Function")
            .runtime(Runtime.JAVA_17)
            .architecture(Architecture.ARM_64)
            .handler(props.handler().className())
            .code(Code.fromAsset(props.code().toString()))
            .description(props.description())
            .memorySize(props.memoryMb())
            .timeout(props.timeout())
            .environment(props.environment())
            .vpc(props.vpc())
            .vpcSubnets(
                SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
            .securityGroups(List.of(props.securityGroup()))
            .tracing(Tracing.ACTIVE)
            .loggingFormat(LoggingFormat.JSON)
            .logGroup(logGroup)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .build();
    Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "every deployment publishes a version and points the live alias at it");
    alias =
        Alias.Builder.create(this, "Live")
            .aliasName(ALIAS_NAME)
            .version(function.getCurrentVersion())
            .build();
  }

  public Function function() {
    return function;
  }

  public Alias alias() {
    return alias;
  }

  public LogGroup logGroup() {
    return logGroup;
  }
}
