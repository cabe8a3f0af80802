package io.cityflow.workflows.models;

import io.camunda.client.api.search.response.Incident;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Runs a {@link ProcessUnderTest} class against an engine of its own. Each test starts with the
 * engine clock pinned and ends with no incident open (an incident is a defect of the model) and no
 * instance left running. After the class, the flow coverage of its model is written, and the class
 * fails if a sequence flow was never taken, unless only some of its tests were selected.
 */
final class ProcessEngineExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        TestWatcher,
        ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ProcessEngineExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    store(context).put(ProcessHarness.class, ProcessHarness.start(testClass.getSimpleName()));
    store(context).put(RanTests.class, new RanTests());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    harness(context).pinClock();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ProcessHarness harness = harness(context);
    List<Incident> incidents = harness.openIncidents();
    harness.cancelRunningInstances();
    if (!incidents.isEmpty()) {
      throw new AssertionError(
          "The test left incidents open: "
              + incidents.stream()
                  .map(i -> i.getElementId() + " " + i.getErrorType() + ": " + i.getErrorMessage())
                  .collect(Collectors.joining("; ")));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    String processId = context.getRequiredTestClass().getAnnotation(ProcessUnderTest.class).value();
    // Taken out of the store so that only this method closes it; absent if the start failed.
    ProcessHarness started = store(context).remove(ProcessHarness.class, ProcessHarness.class);
    if (started == null) {
      return;
    }
    try (ProcessHarness harness = started) {
      FlowCoverage coverage = FlowCoverage.measure(harness.client(), processId);
      coverage.write();
      System.out.println("Flow coverage " + coverage.summary());
      boolean wholeClassRan =
          store(context)
              .get(RanTests.class, RanTests.class)
              .coversAllOf(context.getRequiredTestClass());
      if (wholeClassRan && !coverage.notTaken().isEmpty()) {
        throw new AssertionError(
            coverage.summary()
                + ". Add a process test for each path that takes these flows (report: "
                + FlowCoverage.REPORTS.resolve(processId + ".txt")
                + "):\n  "
                + coverage.notTaken().stream()
                    .map(Object::toString)
                    .collect(Collectors.joining("\n  ")));
      }
    }
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    ran(context);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    ran(context);
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    ran(context);
  }

  /** A disabled test counts as run: disabling a path's test must not switch the check off. */
  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    ran(context);
  }

  private static void ran(ExtensionContext context) {
    store(context).get(RanTests.class, RanTests.class).add(context.getRequiredTestMethod());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ProcessHarness.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return harness(context);
  }

  private static ProcessHarness harness(ExtensionContext context) {
    return store(context).get(ProcessHarness.class, ProcessHarness.class);
  }

  /** Put by the class's context; a test's context finds it there too. */
  private static ExtensionContext.Store store(ExtensionContext context) {
    return context.getStore(NAMESPACE);
  }

  /** The test methods that ran, to tell a full run of the class from a selection. */
  private static final class RanTests {
    private final Set<String> names = new TreeSet<>();

    synchronized void add(Method method) {
      names.add(method.getName());
    }

    synchronized boolean coversAllOf(Class<?> testClass) {
      return AnnotationSupport.findAnnotatedMethods(
              testClass, Testable.class, HierarchyTraversalMode.TOP_DOWN)
          .stream()
          .allMatch(m -> names.contains(m.getName()));
    }
  }
}
