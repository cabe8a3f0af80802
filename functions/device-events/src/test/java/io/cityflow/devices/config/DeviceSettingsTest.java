package io.cityflow.devices.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceSettingsTest {

  @Test
  void namesTheEnvironmentVariableMicronautMapsToAProperty() {
    assertThat(DeviceSettings.environmentName("cityflow.devices.sqs.rejected-queue-url"))
        .isEqualTo("CITYFLOW_DEVICES_SQS_REJECTED_QUEUE_URL");
    assertThat(DeviceSettings.environmentName("datasources.default.url"))
        .isEqualTo("DATASOURCES_DEFAULT_URL");
  }

  @Test
  void readsDurationsAsMicronautWritesThem() {
    // given
    DeviceSettings settings =
        DeviceSettings.of(
            Map.of("a", "PT5M", "b", "500ms", "c", "10s", "d", "2h", "e", "7d", "f", "soon"));

    // then
    assertThat(settings.duration("a", null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.duration("b", null)).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.duration("c", null)).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.duration("d", null)).isEqualTo(Duration.ofHours(2));
    assertThat(settings.duration("e", null)).isEqualTo(Duration.ofDays(7));
    assertThat(settings.duration("missing", Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> settings.duration("f", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("f is not a duration");
  }

  @Test
  void treatsBlankValuesAsUnset() {
    DeviceSettings settings = DeviceSettings.of(Map.of("flag", " ", "url", " jdbc:h2:mem:x "));

    assertThat(settings.flag("flag", true)).isTrue();
    assertThat(settings.get("url")).isEqualTo("jdbc:h2:mem:x");
  }

  @Test
  void readsSystemPropertiesBeforeTheEnvironment() {
    // given
    System.setProperty("cityflow.devices.test-setting", "from-property");
    try {
      // then
      assertThat(DeviceSettings.fromEnvironment().get("cityflow.devices.test-setting"))
          .isEqualTo("from-property");
    } finally {
      System.clearProperty("cityflow.devices.test-setting");
    }
  }
}
