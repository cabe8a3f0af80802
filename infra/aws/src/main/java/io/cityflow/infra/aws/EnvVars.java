package io.cityflow.infra.aws;

/**
 * Environment variables the stacks set on functions and containers. Micronaut maps each to a
 * property ({@code DATASOURCES_DEFAULT_URL} to {@code datasources.default.url}); the {@code
 * CAMUNDA_*} names are the ones the Camunda Java client reads itself. No variable carries a secret:
 * secrets are passed as the ARN of a Secrets Manager secret that the code reads at start.
 */
public final class EnvVars {

  /** {@code dev} or {@code prod}. */
  public static final String ENVIRONMENT = "CITYFLOW_ENVIRONMENT";

  /** JDBC URL of the RDS Proxy endpoint; TLS is required. */
  public static final String DATASOURCE_URL = "DATASOURCES_DEFAULT_URL";

  public static final String DATASOURCE_DRIVER = "DATASOURCES_DEFAULT_DRIVER_CLASS_NAME";
  public static final String DATASOURCE_DIALECT = "DATASOURCES_DEFAULT_DIALECT";

  /**
   * ARN of the database secret (JSON with {@code username} and {@code password}, as RDS generates
   * it). The code reads it from Secrets Manager and sets the datasource's user and password.
   */
  public static final String DATABASE_SECRET_ARN = "CITYFLOW_DATABASE_SECRET_ARN";

  /** The Orchestration Cluster REST address (not secret). */
  public static final String CAMUNDA_REST_ADDRESS = "CAMUNDA_REST_ADDRESS";

  public static final String CAMUNDA_PREFER_REST = "CAMUNDA_PREFER_REST";
  public static final String CAMUNDA_TOKEN_AUDIENCE = "CAMUNDA_TOKEN_AUDIENCE";
  public static final String CAMUNDA_AUTHORIZATION_SERVER_URL = "CAMUNDA_AUTHORIZATION_SERVER_URL";

  /** Job streaming needs gRPC; the platform uses REST only. */
  public static final String CAMUNDA_WORKER_STREAM_ENABLED = "CAMUNDA_CLIENT_WORKER_STREAM_ENABLED";

  /**
   * The same three Camunda settings under the platform's own configuration keys ({@code
   * cityflow.camunda.*}, read by {@code functions/camunda-support}, which ignores {@code
   * CAMUNDA_*}).
   */
  public static final String CITYFLOW_CAMUNDA_REST_ADDRESS = "CITYFLOW_CAMUNDA_REST_ADDRESS";

  public static final String CITYFLOW_CAMUNDA_AUDIENCE = "CITYFLOW_CAMUNDA_AUDIENCE";
  public static final String CITYFLOW_CAMUNDA_AUTHORIZATION_SERVER_URL =
      "CITYFLOW_CAMUNDA_AUTHORIZATION_SERVER_URL";

  /**
   * ARN of the secret with the Camunda client credentials: JSON with {@code clientId} and {@code
   * clientSecret}. The code reads it and builds the client's OAuth credentials provider.
   */
  public static final String CAMUNDA_CREDENTIALS_SECRET_ARN =
      "CITYFLOW_CAMUNDA_CREDENTIALS_SECRET_ARN";

  /** The bucket for attachments ({@code attachments/}) and certificates ({@code certificates/}). */
  public static final String STORAGE_BUCKET = "CITYFLOW_STORAGE_BUCKET";

  /**
   * The case API's Micronaut environment: {@code aws} switches on {@code application-aws.yml},
   * which turns the local sign-in off and verifies staff tokens against Cognito.
   */
  public static final String MICRONAUT_ENVIRONMENTS = "MICRONAUT_ENVIRONMENTS";

  /** Cognito's key set, read by {@code application-aws.yml} to verify staff tokens. */
  public static final String JWKS_URL = "COGNITO_JWKS_URL";

  /** The issuer staff tokens must carry, read by {@code application-aws.yml}. */
  public static final String AUTH_ISSUER = "COGNITO_ISSUER";

  /** The Cognito app client of the staff pages (public client, no secret). */
  public static final String AUTH_CLIENT_ID = "CITYFLOW_AUTH_CLIENT_ID";

  /** Where the device-events function sends events it rejects, with the reason. */
  public static final String DEVICES_REJECTED_QUEUE_URL = "CITYFLOW_DEVICES_SQS_REJECTED_QUEUE_URL";

  /** JVM flags for the workers' container. */
  public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

  /** Key prefixes inside the storage bucket. */
  public static final String ATTACHMENTS_PREFIX = "attachments/";

  public static final String CERTIFICATES_PREFIX = "certificates/";

  private EnvVars() {}
}
