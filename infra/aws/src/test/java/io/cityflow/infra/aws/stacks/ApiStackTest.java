package io.cityflow.infra.aws.stacks;

import static io.cityflow.infra.aws.SynthesizedApp.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.infra.aws.EnvVars;
import io.cityflow.infra.aws.Handlers;
import io.cityflow.infra.aws.InfraApp;
import io.cityflow.infra.aws.SynthesizedApp;
import io.cityflow.infra.aws.Templates;
import io.cityflow.infra.aws.config.Departments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ApiStackTest {

  private final Template dev = template("dev", "Api");
  private final Template prod = template("prod", "Api");

  private Map<String, Object> caseApi() {
    return Templates.javaFunctionsByHandler(dev).get(Handlers.CASE_API.className());
  }

  @Test
  void shouldRunTheCaseApiAsJava17FunctionWithSnapStart() {
    // given the dev API stack
    // then the case API function runs the Micronaut proxy handler on Java 17 with SnapStart
    dev.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler", Handlers.CASE_API.className(),
            "Runtime", "java17",
            "Architectures", List.of("arm64"),
            "MemorySize", 1024,
            "Timeout", 29,
            "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
            "TracingConfig", Map.of("Mode", "Active"),
            "LoggingConfig",
                Match.objectLike(Map.of("LogFormat", "JSON", "LogGroup", Match.anyValue())),
            "VpcConfig", Match.objectLike(Map.of("SubnetIds", Match.anyValue()))));
    prod.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of("Handler", Handlers.CASE_API.className(), "MemorySize", 2048));
    dev.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
  }

  @Test
  void shouldPassDatabaseCamundaAndAuthSettingsButNoSecrets() {
    // when reading the case API's environment
    Map<String, Object> env = Templates.environment(caseApi());
    // then it names the proxy, the Camunda cluster, the bucket, the issuer and the secrets' ARNs
    assertThat(env)
        .containsKeys(
            EnvVars.DATASOURCE_URL,
            EnvVars.DATABASE_SECRET_ARN,
            EnvVars.CAMUNDA_CREDENTIALS_SECRET_ARN,
            EnvVars.STORAGE_BUCKET,
            EnvVars.JWKS_URL,
            EnvVars.AUTH_ISSUER,
            EnvVars.AUTH_CLIENT_ID)
        .containsEntry(EnvVars.CITYFLOW_CAMUNDA_REST_ADDRESS, SynthesizedApp.CAMUNDA_ADDRESS)
        .containsEntry(EnvVars.ENVIRONMENT, "dev")
        .containsEntry(EnvVars.MICRONAUT_ENVIRONMENTS, "aws")
        .doesNotContainKeys(
            "CAMUNDA_CLIENT_ID", "CAMUNDA_CLIENT_SECRET", "DATASOURCES_DEFAULT_PASSWORD");
    assertThat(env.get(EnvVars.DATASOURCE_URL).toString())
        .contains("jdbc:postgresql://")
        .contains("sslmode=require");
    assertThat(env.get(EnvVars.JWKS_URL).toString()).contains("/.well-known/jwks.json");
  }

  @Test
  void shouldGrantTheCaseApiExactlyItsCalls() {
    // given the case API's role
    String role = Templates.roleOf(caseApi());
    // then it may read both secrets, read and write attachments, read certificates, use the key
    assertThat(Templates.allowedActions(dev, role))
        .containsExactly(
            "kms:Decrypt",
            "kms:GenerateDataKey",
            "s3:GetObject",
            "s3:GetObject",
            "s3:PutObject",
            "secretsmanager:GetSecretValue",
            "xray:PutTelemetryRecords",
            "xray:PutTraceSegments");
    assertThat(Templates.statement(dev, role, "WriteAttachments").get("Resource").toString())
        .contains("/attachments/*");
    assertThat(Templates.statement(dev, role, "ReadSecrets").get("Resource")).asList().hasSize(2);
  }

  @Test
  void shouldThrottleTheHttpApiAndForwardApiGatewayPayloadV1() {
    // then the default stage is throttled per environment and logs access
    dev.hasResourceProperties(
        "AWS::ApiGatewayV2::Stage",
        Map.of(
            "StageName",
            "$default",
            "AutoDeploy",
            true,
            "DefaultRouteSettings",
            Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100),
            "AccessLogSettings",
            Match.objectLike(Map.of("DestinationArn", Match.anyValue()))));
    prod.hasResourceProperties(
        "AWS::ApiGatewayV2::Stage",
        Map.of(
            "DefaultRouteSettings",
            Map.of("ThrottlingRateLimit", 500, "ThrottlingBurstLimit", 1000)));
    // and every path reaches the live alias in the 1.0 format Micronaut's proxy function reads
    dev.hasResourceProperties(
        "AWS::ApiGatewayV2::Integration",
        Map.of(
            "IntegrationType", "AWS_PROXY",
            "PayloadFormatVersion", "1.0",
            "IntegrationUri", Map.of("Ref", Match.stringLikeRegexp("CaseApiLive"))));
    dev.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "ANY /{proxy+}"));
  }

  @Test
  void shouldIssueStaffTokensFromACognitoPoolWithRoleAndDepartmentGroups() {
    // then only administrators create staff accounts, and prod requires MFA
    dev.hasResourceProperties(
        "AWS::Cognito::UserPool",
        Map.of(
            "AdminCreateUserConfig",
            Map.of("AllowAdminCreateUserOnly", true),
            "MfaConfiguration",
            "OPTIONAL"));
    prod.hasResourceProperties(
        "AWS::Cognito::UserPool", Map.of("MfaConfiguration", "ON", "DeletionProtection", "ACTIVE"));
    // and every role and department is a group
    dev.resourceCountIs(
        "AWS::Cognito::UserPoolGroup", Departments.ROLES.size() + Departments.CODES.size());
    dev.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of("GroupName", "role-CLERK"));
    dev.hasResourceProperties(
        "AWS::Cognito::UserPoolGroup", Map.of("GroupName", "dept-CITY_HOTLINE"));
    // and the web client is public and signs in with the authorization code flow
    dev.hasResourceProperties(
        "AWS::Cognito::UserPoolClient",
        Map.of(
            "GenerateSecret", false,
            "AllowedOAuthFlows", List.of("code"),
            "CallbackURLs",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Fn::Join", Match.anyValue()))))));
  }

  @Test
  void shouldLetThePagesSignInWithTheCodeGrantAndPkceOnTheHostedSignIn() {
    // then the pool has its hosted sign-in domain
    dev.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", "cityflow-dev"));
    // and the pages' client is public (no secret), has the code grant only, the three scopes,
    // and returns to the pages' origin only, after sign-in and after sign-out
    Map<String, Map<String, Object>> clients =
        Templates.resources(dev, "AWS::Cognito::UserPoolClient");
    assertThat(clients).hasSize(1);
    Map<String, Object> client = Templates.properties(clients.values().iterator().next());
    assertThat(client)
        .containsEntry("GenerateSecret", false)
        .containsEntry("AllowedOAuthFlows", List.of("code"))
        .containsEntry("AllowedOAuthFlowsUserPoolClient", true)
        .containsEntry("AllowedOAuthScopes", List.of("openid", "email", "profile"))
        .containsEntry("EnableTokenRevocation", true);
    assertThat(client.get("LogoutURLs")).isEqualTo(client.get("CallbackURLs"));
    assertThat((List<?>) client.get("CallbackURLs")).hasSize(1);
    String callback = client.get("CallbackURLs").toString();
    assertThat(callback)
        .contains("https://")
        .contains(ApiStack.CALLBACK_PATH)
        .containsPattern("GetAtt=\\[Web[0-9A-F]+, DomainName\\]");
  }

  @Test
  void shouldGiveTheCaseApiEverySignInSettingItsAwsConfigurationReads() throws IOException {
    // given the variables the case API's application-aws.yml needs (no default, not Lambda's own)
    Path yml =
        InfraApp.repositoryRoot(Path.of("").toAbsolutePath())
            .resolve("functions/case-api/src/main/resources/application-aws.yml");
    Set<String> needed = new TreeSet<>();
    Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(Files.readString(yml));
    while (placeholder.find()) {
      needed.add(placeholder.group(1));
    }
    needed.remove(EnvVars.AWS_REGION);
    assertThat(needed).contains(EnvVars.AUTH_DOMAIN_URL, EnvVars.AUTH_CLIENT_ID);

    // then the function is given each of them
    Map<String, Object> env = Templates.environment(caseApi());
    assertThat(env).containsKeys(needed.toArray(String[]::new));
    // and the sign-in ones point at the hosted sign-in, the web client and its scopes
    assertThat(env.get(EnvVars.AUTH_DOMAIN_URL).toString())
        .startsWith("{Fn::Join=[, [https://, {Ref=StaffSignIn")
        .contains(".auth.")
        .contains("amazoncognito.com");
    assertThat(env.get(EnvVars.AUTH_CLIENT_ID).toString()).contains("StaffWebClient");
    assertThat(env).containsEntry(EnvVars.AUTH_SCOPES, "openid,email,profile");
  }

  @Test
  void shouldServeWebPagesFromAPrivateBucketThroughCloudFront() {
    // then the bucket is encrypted and closed; CloudFront reads it through origin access control
    dev.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "BucketEncryption",
            Map.of(
                "ServerSideEncryptionConfiguration",
                List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
            "PublicAccessBlockConfiguration",
            Match.objectLike(Map.of("BlockPublicPolicy", true))));
    dev.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    // and /api/* goes uncached to the HTTP API over HTTPS
    dev.hasResourceProperties(
        "AWS::CloudFront::Distribution",
        Map.of(
            "DistributionConfig",
            Match.objectLike(
                Map.of(
                    "DefaultRootObject",
                    "index.html",
                    "DefaultCacheBehavior",
                    Match.objectLike(Map.of("ViewerProtocolPolicy", "redirect-to-https")),
                    "CacheBehaviors",
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "PathPattern", "/api/*",
                                "ViewerProtocolPolicy", "https-only",
                                "CachePolicyId", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad")))))));
    // and the pages are published with the stack
    dev.resourceCountIs("Custom::CDKBucketDeployment", 1);
  }
}
