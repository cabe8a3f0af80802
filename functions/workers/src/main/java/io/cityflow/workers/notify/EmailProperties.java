package io.cityflow.workers.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;

/** E-mail through Amazon SES v2 ({@code cityflow.notify.email.*}). */
@ConfigurationProperties("cityflow.notify.email")
public class EmailProperties {
  private String region = "cn-northwest-1";
  private String from = "no-reply@cityflow.example";
  @Nullable private URI endpoint;

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  /** The verified sender address. */
  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  /** Only for tests: another SES endpoint than the region's. */
  @Nullable
  public URI getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(@Nullable URI endpoint) {
    this.endpoint = endpoint;
  }
}
