package io.cityflow.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class SecretValuesTest {

  private static final String ARN =
      "arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:cityflow-dev/camunda-client-AbCdEf";

  private final FakeSecretsManager secretsManager = FakeSecretsManager.start();

  @AfterEach
  void stop() {
    secretsManager.close();
  }

  @Test
  void readsTheFieldsOfAJsonSecretOnceAndKeepsThem() {
    // given a secret shaped like the database secret RDS generates
    secretsManager.put(
        ARN,
        "{\"username\":\"cityflow_admin\",\"password\":\"p4ss\",\"port\":5432,\"x\":{\"a\":1}}");
    SecretValues values = new SecretValues(secretsManager.client(), Duration.ofSeconds(10));

    // when it is asked for twice
    SecretFields first = values.current(ARN);
    SecretFields second = values.current(ARN);

    // then the fields arrive as strings, from one call to Secrets Manager
    assertThat(first.require("username")).isEqualTo("cityflow_admin");
    assertThat(first.require("password")).isEqualTo("p4ss");
    assertThat(first.fields()).containsEntry("port", "5432").containsEntry("x", "{\"a\":1}");
    assertThat(second).isEqualTo(first);
    assertThat(secretsManager.reads()).isEqualTo(1);
  }

  @Test
  void rereadsARotatedSecretButNotMoreOftenThanTheMinimumInterval() {
    // given a secret that was read, then rotated
    secretsManager.put(ARN, "{\"clientId\":\"c1\",\"clientSecret\":\"old\"}");
    SecretValues values = new SecretValues(secretsManager.client(), Duration.ofMillis(300));
    values.current(ARN);
    secretsManager.put(ARN, "{\"clientId\":\"c1\",\"clientSecret\":\"new\"}");

    // when it is read again at once, and again after the interval
    SecretFields tooSoon = values.reread(ARN);
    sleep(Duration.ofMillis(350));
    SecretFields later = values.reread(ARN);

    // then the first re-read keeps the recent value, the second sees the rotation
    assertThat(tooSoon.require("clientSecret")).isEqualTo("old");
    assertThat(later.require("clientSecret")).isEqualTo("new");
    assertThat(values.current(ARN)).isEqualTo(later);
    assertThat(secretsManager.reads()).isEqualTo(2);
  }

  @Test
  void namesTheMissingFieldButNeverShowsAValue() {
    // given a secret without the field a caller needs
    secretsManager.put(ARN, "{\"clientId\":\"c1\",\"clientSecret\":\"s3cr3t-value\"}");
    SecretFields fields =
        new SecretValues(secretsManager.client(), Duration.ofSeconds(10)).current(ARN);

    // then the error names secret and field, and the record's text shows no value
    assertThatThrownBy(() -> fields.require("password"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(ARN)
        .hasMessageContaining("'password'");
    assertThat(fields.toString()).contains("clientSecret").doesNotContain("s3cr3t-value");
  }

  @Test
  void refusesASecretThatIsNotAJsonObjectWithoutQuotingIt() {
    // given a plain-text secret
    secretsManager.put(ARN, "just-a-password");
    SecretValues values = new SecretValues(secretsManager.client(), Duration.ofSeconds(10));

    // then reading it fails, naming the secret but not its text
    assertThatThrownBy(() -> values.current(ARN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a JSON object")
        .hasMessageNotContaining("just-a-password");
  }

  @Test
  void reportsAnUnknownSecretAsSecretsManagerDoes() {
    // given no such secret
    SecretValues values = new SecretValues(secretsManager.client(), Duration.ofSeconds(10));

    // then the SDK's own exception comes through
    assertThatThrownBy(() -> values.current(ARN)).isInstanceOf(ResourceNotFoundException.class);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
