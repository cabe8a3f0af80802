package io.cityflow.devices.config;

import io.camunda.client.CamundaClient;
import io.cityflow.camunda.CamundaClients;
import io.cityflow.camunda.CamundaProperties;
import io.cityflow.secrets.SecretValues;
import java.net.URI;
import java.util.function.Supplier;

/**
 * A Lambda function's {@link CamundaClient}, built by camunda-support's {@link CamundaClients} (the
 * one place every part builds its client, with its secrets and OAuth handling) from the {@code
 * cityflow.camunda.*} settings, without a Micronaut context. It is built when first needed: at the
 * first signal, or when SnapStart priming asks for it.
 */
final class LazyCamundaClient implements AutoCloseable {
  private final DeviceSettings settings;
  private final Supplier<SecretValues> secrets;
  private CamundaClient client;

  /**
   * @param secrets the secret reader, asked for only when {@code
   *     cityflow.camunda.credentials-secret-arn} is set
   */
  LazyCamundaClient(DeviceSettings settings, Supplier<SecretValues> secrets) {
    this.settings = settings;
    this.secrets = secrets;
  }

  synchronized CamundaClient client() {
    if (client == null) {
      client = CamundaClients.build(properties(settings), secrets);
    }
    return client;
  }

  /** {@code cityflow.camunda.*} as Micronaut binds it for the hosts; unset keys keep defaults. */
  static CamundaProperties properties(DeviceSettings settings) {
    CamundaProperties properties = new CamundaProperties();
    String restAddress = settings.get("cityflow.camunda.rest-address");
    if (restAddress != null) {
      properties.setRestAddress(URI.create(restAddress));
    }
    properties.setRequestTimeout(
        settings.duration("cityflow.camunda.request-timeout", properties.getRequestTimeout()));
    properties.setClientId(settings.get("cityflow.camunda.client-id"));
    properties.setClientSecret(settings.get("cityflow.camunda.client-secret"));
    String authorizationServer = settings.get("cityflow.camunda.authorization-server-url");
    if (authorizationServer != null) {
      properties.setAuthorizationServerUrl(URI.create(authorizationServer));
    }
    properties.setAudience(settings.get("cityflow.camunda.audience"));
    properties.setCredentialsSecretArn(settings.get("cityflow.camunda.credentials-secret-arn"));
    return properties;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
