package io.cityflow.infra.aws.stacks;

import static io.cityflow.infra.aws.config.Durations.cdk;

import io.cityflow.infra.aws.EnvVars;
import io.cityflow.infra.aws.Handlers;
import io.cityflow.infra.aws.config.Departments;
import io.cityflow.infra.aws.config.EnvironmentConfig;
import io.cityflow.infra.aws.constructs.CityFunction;
import io.cityflow.infra.aws.constructs.Grants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.HttpOriginProps;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolGroupOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * What citizens and staff talk to: the case API function behind an HTTP API with throttling, the
 * Cognito user pool that issues staff tokens (groups for roles and departments), and the web pages
 * on S3 behind CloudFront, which also forwards {@code /api/*} to the HTTP API so that pages and API
 * share one origin.
 */
public final class ApiStack extends Stack {

  /**
   * The page of the web origin that the hosted sign-in returns to, with the code and after sign-out
   * (functions/web {@code auth.html}, docs/adr/0018).
   */
  public static final String CALLBACK_PATH = "/auth.html";

  /** The scopes the staff pages ask for, and all the web client may have. */
  public static final List<OAuthScope> WEB_SCOPES =
      List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE);

  private final CityFunction caseApi;
  private final HttpApi httpApi;
  private final UserPool userPool;
  private final UserPoolClient webClient;
  private final Bucket webBucket;
  private final Distribution distribution;

  public ApiStack(
      Construct scope,
      String id,
      StackProps props,
      EnvironmentConfig config,
      NetworkDataStack data) {
    super(scope, id, props);
    RemovalPolicy logRemoval = config.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    httpApi =
        HttpApi.Builder.create(this, "HttpApi")
            .apiName(config.resourcePrefix() + "-case-api")
            .description("CityFlow case API (" + config.name() + ")")
            .createDefaultStage(false)
            .build();

    webBucket =
        Bucket.Builder.create(this, "WebPages")
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .enforceSsl(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    distribution =
        Distribution.Builder.create(this, "Web")
            .comment("CityFlow web pages and API (" + config.name() + ")")
            .defaultRootObject("index.html")
            .defaultBehavior(
                BehaviorOptions.builder()
                    .origin(S3BucketOrigin.withOriginAccessControl(webBucket))
                    .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                    .responseHeadersPolicy(ResponseHeadersPolicy.SECURITY_HEADERS)
                    .build())
            .additionalBehaviors(
                Map.of(
                    "/api/*",
                    BehaviorOptions.builder()
                        .origin(
                            new HttpOrigin(
                                Fn.select(2, Fn.split("/", httpApi.getApiEndpoint())),
                                HttpOriginProps.builder()
                                    .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                                    .build()))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                        .allowedMethods(AllowedMethods.ALLOW_ALL)
                        .cachePolicy(CachePolicy.CACHING_DISABLED)
                        .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                        .responseHeadersPolicy(ResponseHeadersPolicy.SECURITY_HEADERS)
                        .build()))
            .build();
    config
        .artifacts()
        .webAssets()
        .ifPresent(
            pages ->
                BucketDeployment.Builder.create(this, "WebPagesDeployment")
                    .sources(List.of(Source.asset(pages.toString())))
                    .destinationBucket(webBucket)
                    .distribution(distribution)
                    .distributionPaths(List.of("/*"))
                    .build());

    userPool =
        UserPool.Builder.create(this, "Staff")
            .userPoolName(config.resourcePrefix() + "-staff")
            .selfSignUpEnabled(false)
            .signInAliases(SignInAliases.builder().email(true).username(true).build())
            .signInCaseSensitive(false)
            .mfa(config.api().mfaRequired() ? Mfa.REQUIRED : Mfa.OPTIONAL)
            .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
            .passwordPolicy(
                PasswordPolicy.builder()
                    .minLength(12)
                    .requireDigits(true)
                    .requireLowercase(true)
                    .requireUppercase(true)
                    .requireSymbols(false)
                    .tempPasswordValidity(Duration.days(3))
                    .build())
            .accountRecovery(AccountRecovery.EMAIL_ONLY)
            .deletionProtection(config.production())
            .removalPolicy(config.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
            .build();
    for (String role : Departments.ROLES) {
      userPool.addGroup(
          "Role" + role,
          UserPoolGroupOptions.builder()
              .groupName(Departments.ROLE_GROUP_PREFIX + role)
              .description("Staff role " + role)
              .build());
    }
    for (String department : Departments.CODES) {
      userPool.addGroup(
          "Department" + department,
          UserPoolGroupOptions.builder()
              .groupName(Departments.DEPARTMENT_GROUP_PREFIX + department)
              .description("Member of department " + department)
              .build());
    }
    UserPoolDomain signInDomain =
        userPool.addDomain(
            "SignIn",
            UserPoolDomainOptions.builder()
                .cognitoDomain(
                    CognitoDomainOptions.builder()
                        .domainPrefix(config.api().authDomainPrefix())
                        .build())
                .build());
    // The pages are public code in a browser: no secret, the code grant only, back to the pages'
    // own origin only. The pages always send an S256 challenge, and Cognito then insists on the
    // matching verifier (it has no setting that refuses a code request without a challenge).
    List<String> callbacks = new ArrayList<>();
    callbacks.add("https://" + distribution.getDistributionDomainName() + CALLBACK_PATH);
    callbacks.addAll(config.api().extraCallbackUrls());
    webClient =
        userPool.addClient(
            "WebClient",
            UserPoolClientOptions.builder()
                .userPoolClientName(config.resourcePrefix() + "-web")
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .oAuth(
                    OAuthSettings.builder()
                        .flows(
                            OAuthFlows.builder()
                                .authorizationCodeGrant(true)
                                .implicitCodeGrant(false)
                                .clientCredentials(false)
                                .build())
                        .scopes(WEB_SCOPES)
                        .callbackUrls(callbacks)
                        .logoutUrls(callbacks)
                        .build())
                .preventUserExistenceErrors(true)
                .enableTokenRevocation(true)
                .accessTokenValidity(Duration.hours(1))
                .idTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.hours(12))
                .build());

    String issuer =
        "https://cognito-idp."
            + getRegion()
            + "."
            + getUrlSuffix()
            + "/"
            + userPool.getUserPoolId();
    Map<String, String> env = new LinkedHashMap<>(data.runtimeEnvironment());
    env.put(EnvVars.STORAGE_BUCKET, data.storage().getBucketName());
    env.put(EnvVars.AUTH_ISSUER, issuer);
    env.put(EnvVars.JWKS_URL, issuer + "/.well-known/jwks.json");
    env.put(EnvVars.AUTH_CLIENT_ID, webClient.getUserPoolClientId());
    env.put(EnvVars.AUTH_DOMAIN_URL, signInDomain.baseUrl());
    env.put(
        EnvVars.AUTH_SCOPES,
        String.join(",", WEB_SCOPES.stream().map(OAuthScope::getScopeName).toList()));
    caseApi =
        new CityFunction(
            this,
            "CaseApi",
            new CityFunction.Props(
                Handlers.CASE_API,
                config.artifacts().caseApiCode(),
                "CityFlow case API: citizens, clerks, supervisors, process owners",
                config.api().memoryMb(),
                cdk(config.api().timeout()),
                env,
                data.vpc(),
                data.workloadSecurityGroup(),
                config.operations().logRetention(),
                logRemoval));
    data.grantRuntimeSecrets(caseApi.function());
    Grants.readObjects(
        caseApi.function(), data.storage(), EnvVars.ATTACHMENTS_PREFIX, "ReadAttachments");
    Grants.writeObjects(
        caseApi.function(), data.storage(), EnvVars.ATTACHMENTS_PREFIX, "WriteAttachments");
    Grants.readObjects(
        caseApi.function(), data.storage(), EnvVars.CERTIFICATES_PREFIX, "ReadCertificates");
    Grants.useKey(caseApi.function(), data.storageKey());

    // Micronaut's ApiGatewayProxyRequestEventFunction reads API Gateway's 1.0 payload.
    httpApi.addRoutes(
        AddRoutesOptions.builder()
            .path("/{proxy+}")
            .methods(List.of(HttpMethod.ANY))
            .integration(
                HttpLambdaIntegration.Builder.create("CaseApiIntegration", caseApi.alias())
                    .payloadFormatVersion(PayloadFormatVersion.VERSION_1_0)
                    .build())
            .build());
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "AccessLogs")
            .retention(config.operations().logRetention())
            .removalPolicy(logRemoval)
            .build();
    HttpStage.Builder.create(this, "DefaultStage")
        .httpApi(httpApi)
        .stageName("$default")
        .autoDeploy(true)
        .throttle(
            ThrottleSettings.builder()
                .rateLimit(config.api().throttleRate())
                .burstLimit(config.api().throttleBurst())
                .build())
        .accessLogSettings(accessLogSettings(accessLogs))
        .build();

    CfnOutput.Builder.create(this, "WebUrl")
        .value("https://" + distribution.getDistributionDomainName())
        .description("The web pages and, under /api, the case API")
        .build();
    CfnOutput.Builder.create(this, "UserPoolId").value(userPool.getUserPoolId()).build();
    CfnOutput.Builder.create(this, "SignInUrl")
        .value(signInDomain.baseUrl())
        .description("Cognito's hosted sign-in for staff (the pages send staff there)")
        .build();
    CfnOutput.Builder.create(this, "WebBucketName").value(webBucket.getBucketName()).build();
  }

  private static IAccessLogSettings accessLogSettings(LogGroup logGroup) {
    LogGroupLogDestination destination = new LogGroupLogDestination(logGroup);
    return new IAccessLogSettings() {
      @Override
      public IAccessLogDestination getDestination() {
        return destination;
      }

      @Override
      public AccessLogFormat getFormat() {
        return AccessLogFormat.jsonWithStandardFields();
      }
    };
  }

  public CityFunction caseApi() {
    return caseApi;
  }

  public HttpApi httpApi() {
    return httpApi;
  }

  public UserPool userPool() {
    return userPool;
  }

  public UserPoolClient webClient() {
    return webClient;
  }

  public Distribution distribution() {
    return distribution;
  }
}
