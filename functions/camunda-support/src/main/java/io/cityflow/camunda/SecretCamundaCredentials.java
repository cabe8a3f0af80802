package io.cityflow.camunda;

import io.camunda.client.CredentialsProvider;
import io.cityflow.secrets.SecretFields;
import io.cityflow.secrets.SecretValues;
import java.io.IOException;
import java.util.function.BiFunction;

/**
 * OAuth client credentials for the cluster, taken from a Secrets Manager secret ({@code clientId},
 * {@code clientSecret}). The secret is read when the client first needs a token, and read again
 * when the token endpoint or the cluster refuses the credentials, so that a rotated client secret
 * takes effect without a restart. Token handling itself is the Camunda client's OAuth provider.
 */
final class SecretCamundaCredentials implements CredentialsProvider {

  private final SecretValues secrets;
  private final String secretArn;
  private final BiFunction<String, String, CredentialsProvider> oauth;
  private SecretFields fields;
  private CredentialsProvider delegate;

  /**
   * @param oauth builds the OAuth provider for a client id and secret
   */
  SecretCamundaCredentials(
      SecretValues secrets,
      String secretArn,
      BiFunction<String, String, CredentialsProvider> oauth) {
    this.secrets = secrets;
    this.secretArn = secretArn;
    this.oauth = oauth;
  }

  @Override
  public void applyCredentials(CredentialsApplier applier) throws IOException {
    CredentialsProvider current = delegate(false);
    try {
      current.applyCredentials(applier);
    } catch (IOException | RuntimeException refused) {
      CredentialsProvider renewed = delegate(true);
      if (renewed == current) {
        throw refused;
      }
      renewed.applyCredentials(applier);
    }
  }

  @Override
  public boolean shouldRetryRequest(StatusCode status) {
    CredentialsProvider current = delegate(false);
    if (status.isUnauthorized() && delegate(true) != current) {
      return true;
    }
    return current.shouldRetryRequest(status);
  }

  /** The OAuth provider for the secret's current values, rebuilt when they changed. */
  private synchronized CredentialsProvider delegate(boolean reread) {
    SecretFields latest =
        fields == null ? secrets.current(secretArn) : reread ? secrets.reread(secretArn) : fields;
    if (delegate == null || !latest.equals(fields)) {
      delegate = oauth.apply(latest.require("clientId"), latest.require("clientSecret"));
      fields = latest;
    }
    return delegate;
  }
}
