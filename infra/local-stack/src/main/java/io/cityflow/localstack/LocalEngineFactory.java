package io.cityflow.localstack;

import io.cityflow.engine.LocalEngine;
import io.cityflow.engine.LocalEngineConfig;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;

/** Starts the local engine with the stack, before anything talks to it, and stops it last. */
@Factory
class LocalEngineFactory {

  @Context
  @Bean(preDestroy = "close")
  @Requires(property = "cityflow.engine.embedded", notEquals = "false")
  LocalEngine localEngine(EngineProperties properties) {
    return LocalEngine.start(
        new LocalEngineConfig(
            properties.getJdbcUrl(),
            properties.getUsername(),
            properties.getPassword(),
            properties.getHost(),
            properties.getPort()));
  }
}
