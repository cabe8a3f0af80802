package io.cityflow.cases.api.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * For tests that send API Gateway proxy events to the case API's Lambda entry point: one function
 * per test class, started with the same context settings as in Lambda ("function" and "lambda"
 * environments, eager singletons) plus the test environment's in-memory database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CaseApiFunctionFixture {

  // Like the Lambda runtime's own deserializer, fields the event class does not model are ignored.
  protected static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  protected CaseApiFunction function;

  @BeforeAll
  void startFunction() {
    ApplicationContextBuilder builder = ApplicationContext.builder().environments(Environment.TEST);
    LambdaApplicationContextBuilder.setLambdaConfiguration(builder);
    function = new CaseApiFunction(builder.build());
  }

  @AfterAll
  void closeFunction() {
    if (function != null) {
      function.close();
    }
  }

  /** An event recorded from API Gateway, read from the test resources. */
  protected static APIGatewayProxyRequestEvent recordedEvent(String resource) throws IOException {
    try (InputStream in =
        CaseApiFunctionFixture.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("test resource %s", resource).isNotNull();
      return JSON.readValue(in, APIGatewayProxyRequestEvent.class);
    }
  }
}
