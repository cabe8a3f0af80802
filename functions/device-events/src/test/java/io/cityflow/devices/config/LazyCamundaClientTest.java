package io.cityflow.devices.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.camunda.CamundaProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LazyCamundaClientTest {

  @Test
  void readsTheCamundaSettingsUnderTheNamesTheMicronautHostsUse() {
    // given the settings the AWS stacks set, with a duration in Micronaut's short form
    DeviceSettings settings =
        DeviceSettings.of(
            Map.of(
                "cityflow.camunda.rest-address", "https://bru-2.zeebe.camunda.io/abc",
                "cityflow.camunda.request-timeout", "30s",
                "cityflow.camunda.authorization-server-url", "https://login.cloud.camunda.io/token",
                "cityflow.camunda.audience", "zeebe.camunda.io",
                "cityflow.camunda.credentials-secret-arn", "arn:aws:secretsmanager:x:1:secret:c"));

    // when
    CamundaProperties properties = LazyCamundaClient.properties(settings);

    // then
    assertThat(properties.getRestAddress())
        .isEqualTo(URI.create("https://bru-2.zeebe.camunda.io/abc"));
    assertThat(properties.getRequestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(properties.getAuthorizationServerUrl())
        .isEqualTo(URI.create("https://login.cloud.camunda.io/token"));
    assertThat(properties.getAudience()).isEqualTo("zeebe.camunda.io");
    assertThat(properties.getCredentialsSecretArn())
        .isEqualTo("arn:aws:secretsmanager:x:1:secret:c");
    assertThat(properties.getClientId()).isNull();
  }

  @Test
  void keepsCamundaSupportsDefaultsForUnsetKeys() {
    // when nothing is set
    CamundaProperties properties = LazyCamundaClient.properties(DeviceSettings.of(Map.of()));

    // then the defaults are camunda-support's own
    CamundaProperties defaults = new CamundaProperties();
    assertThat(properties.getRestAddress()).isEqualTo(defaults.getRestAddress());
    assertThat(properties.getRequestTimeout()).isEqualTo(defaults.getRequestTimeout());
    assertThat(properties.getCredentialsSecretArn()).isNull();
  }
}
