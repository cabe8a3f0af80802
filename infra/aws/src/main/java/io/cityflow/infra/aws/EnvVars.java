package io.cityflow.infra.aws;

/**
 * Environment variables the stacks set on functions and containers. Micronaut maps each to a
 * property ({@code DATASOURCES_DEFAULT_URL} to {@code datasources.default.url}), so every function
 * and the workers read the same keys. No variable carries a secret: secrets are passed as the ARN
 * of a Secrets Manager secret that the code reads (docs/adr/0012).
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
   * it), read as {@code cityflow.database.secret-arn}: camunda-support opens the datasource's
   * connections with the secret's values and reads it again when the database refuses them.
   */
  public static final String DATABASE_SECRET_ARN = "CITYFLOW_DATABASE_SECRET_ARN";

  /**
   * The Camunda cluster's REST address, read as {@code cityflow.camunda.rest-address} by {@code
   * functions/camunda-support}, the one place every function and the workers build their client.
   * The client's own {@code CAMUNDA_*} variables are not used: camunda-support turns them off.
   */
  public static final String CITYFLOW_CAMUNDA_REST_ADDRESS = "CITYFLOW_CAMUNDA_REST_ADDRESS";

  /** The OAuth token audience ({@code cityflow.camunda.audience}). */
  public static final String CITYFLOW_CAMUNDA_AUDIENCE = "CITYFLOW_CAMUNDA_AUDIENCE";

  /** The OAuth token endpoint ({@code cityflow.camunda.authorization-server-url}). */
  public static final String CITYFLOW_CAMUNDA_AUTHORIZATION_SERVER_URL =
      "CITYFLOW_CAMUNDA_AUTHORIZATION_SERVER_URL";

  /**
   * ARN of the secret with the Camunda client credentials: JSON with {@code clientId} and {@code
   * clientSecret}, read as {@code cityflow.camunda.credentials-secret-arn}: camunda-support signs
   * in with them and reads the secret again when the cluster refuses them.
   */
  public static final String CAMUNDA_CREDENTIALS_SECRET_ARN =
      "CITYFLOW_CAMUNDA_CREDENTIALS_SECRET_ARN";

  /** The bucket for attachments ({@code attachments/}) and certificates ({@code certificates/}). */
  public static final String STORAGE_BUCKET = "CITYFLOW_STORAGE_BUCKET";

  /**
   * The Micronaut environment of every function and the workers: {@code aws} switches on reading
   * the secrets above, and each module's {@code application-aws.*} (the case API: Cognito sign-in
   * instead of the local one; the workers: schema migration at start).
   */
  public static final String MICRONAUT_ENVIRONMENTS = "MICRONAUT_ENVIRONMENTS";

  /** Cognito's key set, read by {@code application-aws.yml} to verify staff tokens. */
  public static final String JWKS_URL = "COGNITO_JWKS_URL";

  /** The issuer staff tokens must carry, read by the case API's {@code application-aws.yml}. */
  public static final String AUTH_ISSUER = "COGNITO_ISSUER";

  /**
   * The Cognito app client of the staff pages (public client, no secret); the case API accepts only
   * tokens issued to it ({@code cityflow.auth.client-id}).
   */
  public static final String AUTH_CLIENT_ID = "CITYFLOW_AUTH_CLIENT_ID";

  /**
   * The base URL of the user pool's hosted sign-in ({@code https://<prefix>.auth.<region>
   * .amazoncognito.com}): the case API's {@code application-aws.yml} derives the authorize, token,
   * revoke and logout endpoints from it for {@code GET /api/web/sign-in} (docs/adr/0018).
   */
  public static final String AUTH_DOMAIN_URL = "CITYFLOW_AUTH_DOMAIN_URL";

  /** The scopes the pages ask for, comma-separated: those the app client allows. */
  public static final String AUTH_SCOPES = "CITYFLOW_AUTH_SCOPES";

  /** Where the device-events function sends events it rejects, with the reason. */
  public static final String DEVICES_REJECTED_QUEUE_URL = "CITYFLOW_DEVICES_SQS_REJECTED_QUEUE_URL";

  /**
   * The region, for the workers' container (Lambda sets it itself): the workers' SDK clients (SNS,
   * SES, S3) use it through their {@code application-aws.properties}.
   */
  public static final String AWS_REGION = "AWS_REGION";

  /** {@code true} when the deployment names a verified SES sender; e-mail notices go out then. */
  public static final String NOTIFY_EMAIL_ENABLED = "CITYFLOW_NOTIFY_EMAIL_ENABLED";

  /** The verified SES sender address of citizen e-mails (context value {@code notifyEmailFrom}). */
  public static final String NOTIFY_EMAIL_FROM = "CITYFLOW_NOTIFY_EMAIL_FROM";

  /** The sender name on text messages, where the country allows one ({@code smsSenderId}). */
  public static final String NOTIFY_SMS_SENDER_ID = "CITYFLOW_NOTIFY_SMS_SENDER_ID";

  /**
   * The public address of the city's site ({@code cityflow.public-base-url}, context value {@code
   * publicBaseUrl}): the QR code on a certificate opens the public check of its code there.
   */
  public static final String PUBLIC_BASE_URL = "CITYFLOW_PUBLIC_BASE_URL";

  /**
   * The issuing authority printed on certificates ({@code cityflow.certificates.issuer}, context
   * value {@code certificateIssuer}).
   */
  public static final String CERTIFICATES_ISSUER = "CITYFLOW_CERTIFICATES_ISSUER";

  /**
   * How long each permit type's certificate is valid ({@code cityflow.certificates.validity},
   * context value {@code certificateValidity}, e.g. {@code tree-felling=12,*=none}; ADR 0022).
   */
  public static final String CERTIFICATES_VALIDITY = "CITYFLOW_CERTIFICATES_VALIDITY";

  /**
   * How many days before a certificate's last valid day its holder is reminded ({@code
   * cityflow.certificates.expiry-reminder-days}, context value {@code
   * certificateExpiryReminderDays}, 1–365; ADR 0022, expiry reminders).
   */
  public static final String CERTIFICATES_EXPIRY_REMINDER_DAYS =
      "CITYFLOW_CERTIFICATES_EXPIRY_REMINDER_DAYS";

  /** The fire brigade's dispatch number for smoke and fire alarms ({@code fireBrigadePhone}). */
  public static final String FIRE_BRIGADE_PHONE = "CITYFLOW_DEVICES_ALERTS_FIRE_BRIGADE_PHONE";

  /** The community duty line for device alarms ({@code communityPhone}). */
  public static final String COMMUNITY_PHONE = "CITYFLOW_DEVICES_ALERTS_COMMUNITY_PHONE";

  /** JVM flags for the workers' container. */
  public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

  /** Key prefixes inside the storage bucket. */
  public static final String ATTACHMENTS_PREFIX = "attachments/";

  public static final String CERTIFICATES_PREFIX = "certificates/";

  private EnvVars() {}
}
