package io.cityflow.conformance;

import io.camunda.client.CamundaClient;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance suite, in one list, for one target cluster. A runner extends this class,
 * starts or finds its cluster, and returns its client from {@link #client()}; JUnit then runs every
 * scenario group below against that client.
 *
 * <p>Scenarios are written from Camunda 8's public documentation; each names the page it follows.
 * Where a real Camunda 8 is reachable, a scenario that passes on the local engine but fails there
 * is a bug in the local engine, and the reverse is a bug in the scenario or in the local engine.
 */
public abstract class CamundaConformanceSuite {

  /** The client of the cluster under test; the runner owns its lifecycle. */
  protected abstract CamundaClient client();

  @Nested
  class Deployments extends DeploymentScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  @Nested
  class ProcessInstances extends ProcessInstanceScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  @Nested
  class Jobs extends JobScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  @Nested
  class UserTasks extends UserTaskScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  @Nested
  class Gateways extends GatewayScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  @Nested
  class Messages extends MessageScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  @Nested
  class Timers extends TimerScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  @Nested
  class Variables extends VariableScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  @Nested
  class Incidents extends IncidentScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  /** Part 2: skipped, with the reason, on a target that does not support the element yet. */
  @Nested
  class Events extends EventScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  /** Part 2: skipped, with the reason, on a target that does not support the element yet. */
  @Nested
  class Structures extends StructureScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  /** Part 2: skipped, with the reason, on a target that does not support the element yet. */
  @Nested
  class Scopes extends ScopeScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  /** Part 3: skipped, with the reason, on a target that does not support the element yet. */
  @Nested
  class EventSubprocesses extends EventSubprocessScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }

  @Nested
  class Operations extends OperationsScenarios {
    @Override
    protected CamundaClient client() {
      return CamundaConformanceSuite.this.client();
    }
  }
}
