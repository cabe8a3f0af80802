package io.cityflow.cases.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts the case API on its own; the local stack starts the same beans in its JVM. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "CityFlow case API",
            version = "0.1",
            description =
                "Citizen intake and tracking, the clerk's case work, supervisors' figures."))
@SecurityScheme(
    name = "staff",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class Application {
  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
