package io.cityflow.cases.api.function;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

/**
 * The case API's AWS Lambda entry point: answers API Gateway proxy events (payload format 1.0, as
 * the HTTP API's integration sends them) with the same controllers, filters and security rules that
 * the Netty server of {@link io.cityflow.cases.api.Application} serves locally.
 *
 * <p>Lambda creates it with the no-argument constructor, which starts the application context in
 * the {@code function} and {@code lambda} environments. It is named in the deployment as {@code
 * io.cityflow.cases.api.function.CaseApiFunction}, inside {@code target/case-api-lambda.jar}.
 */
public class CaseApiFunction extends ApiGatewayProxyRequestEventFunction {

  /** Used by the Lambda runtime. */
  public CaseApiFunction() {
    super();
  }

  /**
   * Serves the requests with an application context the caller built; the function starts it if it
   * is not running yet.
   */
  public CaseApiFunction(ApplicationContext applicationContext) {
    super(applicationContext);
  }
}
