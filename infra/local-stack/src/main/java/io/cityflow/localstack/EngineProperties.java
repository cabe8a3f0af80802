package io.cityflow.localstack;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The embedded local engine ({@code cityflow.engine.*}). Set {@code cityflow.engine.embedded=false}
 * to run the stack against another engine, such as a Camunda 8 cluster named by {@code
 * cityflow.camunda.rest-address}.
 */
@ConfigurationProperties("cityflow.engine")
public class EngineProperties {

  private boolean embedded = true;
  private String jdbcUrl = "jdbc:h2:file:./data/engine";
  private String username = "sa";
  private String password = "";
  private String host = "127.0.0.1";
  private int port = 8088;

  public boolean isEmbedded() {
    return embedded;
  }

  public void setEmbedded(boolean embedded) {
    this.embedded = embedded;
  }

  /** The engine's own database: H2 or PostgreSQL; it keeps its tables apart from the case data. */
  public String getJdbcUrl() {
    return jdbcUrl;
  }

  public void setJdbcUrl(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  /** The port of the engine's Camunda REST API; 0 picks a free one. */
  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }
}
