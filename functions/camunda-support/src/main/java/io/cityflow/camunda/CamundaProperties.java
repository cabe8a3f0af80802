package io.cityflow.camunda;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.time.Duration;

/**
 * Where the workflow engine is and how to sign in to it ({@code cityflow.camunda.*}).
 *
 * <p>Locally the REST address is the local engine. On AWS it is the Camunda 8 cluster, and the
 * OAuth client credentials are read from the Secrets Manager secret named by {@link
 * #getCredentialsSecretArn()}, never from a template or an environment variable.
 */
@ConfigurationProperties("cityflow.camunda")
public class CamundaProperties {

  private URI restAddress = URI.create("http://localhost:8088");
  private Duration requestTimeout = Duration.ofSeconds(10);
  @Nullable private String clientId;
  @Nullable private String clientSecret;
  @Nullable private URI authorizationServerUrl;
  @Nullable private String audience;
  @Nullable private String credentialsSecretArn;

  /** The cluster's REST address, without {@code /v2}. */
  public URI getRestAddress() {
    return restAddress;
  }

  public void setRestAddress(URI restAddress) {
    this.restAddress = restAddress;
  }

  /** How long a command may take before the client gives up on it. */
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /** OAuth client id; with the secret set, the client signs in with client credentials. */
  @Nullable
  public String getClientId() {
    return clientId;
  }

  public void setClientId(@Nullable String clientId) {
    this.clientId = clientId;
  }

  @Nullable
  public String getClientSecret() {
    return clientSecret;
  }

  public void setClientSecret(@Nullable String clientSecret) {
    this.clientSecret = clientSecret;
  }

  /** The OAuth token endpoint (Camunda SaaS or the Self-Managed identity provider). */
  @Nullable
  public URI getAuthorizationServerUrl() {
    return authorizationServerUrl;
  }

  public void setAuthorizationServerUrl(@Nullable URI authorizationServerUrl) {
    this.authorizationServerUrl = authorizationServerUrl;
  }

  @Nullable
  public String getAudience() {
    return audience;
  }

  public void setAudience(@Nullable String audience) {
    this.audience = audience;
  }

  /**
   * The ARN of a Secrets Manager secret with {@code clientId} and {@code clientSecret} (the {@code
   * aws} environment only); when set, it takes the place of {@link #getClientId()} and {@link
   * #getClientSecret()}.
   */
  @Nullable
  public String getCredentialsSecretArn() {
    return credentialsSecretArn;
  }

  public void setCredentialsSecretArn(@Nullable String credentialsSecretArn) {
    this.credentialsSecretArn = credentialsSecretArn;
  }

  boolean usesOAuth() {
    return clientId != null && !clientId.isBlank() && clientSecret != null;
  }
}
