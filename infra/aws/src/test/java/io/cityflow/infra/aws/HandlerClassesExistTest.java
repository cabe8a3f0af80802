package io.cityflow.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awscdk.assertions.Template;

/**
 * Every entry class the synthesized stacks name (Lambda handlers and the workers' main class) must
 * exist in what its module builds. The list comes from the templates, not from {@link Handlers}, so
 * a class the stacks name but no module builds cannot slip through.
 *
 * <p>The rule, per handler:
 *
 * <ol>
 *   <li>A class the templates name must be declared in {@link Handlers}; otherwise the test fails.
 *   <li>If the handler's module is not listed as a {@code <module>} in the root {@code pom.xml},
 *       the check is skipped, naming the module: it is not part of the build yet.
 *   <li>If the module is in the reactor but its build output is missing (the Lambda jar, or {@code
 *       target/classes} for the workers' image), the check fails when {@code CI=true}, because the
 *       reactor must build the module before {@code infra/aws}; elsewhere it is skipped with the
 *       command that builds it.
 *   <li>Otherwise the class file must be in that output, and a Lambda handler must load from its
 *       jar alone and implement {@code RequestHandler} or {@code RequestStreamHandler}.
 * </ol>
 */
class HandlerClassesExistTest {

  private static final Path ROOT = InfraApp.repositoryRoot(Path.of("").toAbsolutePath());
  private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

  @Test
  void shouldDeclareEveryClassTheStacksName() {
    // when collecting the entry classes of both environments' templates
    TreeSet<String> named = namedClasses();
    // then each is declared in Handlers, and each declared handler is used
    assertThat(named)
        .containsExactlyInAnyOrderElementsOf(
            Handlers.ALL.stream().map(Handlers.Handler::className).toList());
  }

  @TestFactory
  Stream<DynamicTest> shouldFindEachHandlerClassInItsModulesBuildOutput() {
    return namedClasses().stream()
        .map(Handlers::byClassName)
        .map(
            handler ->
                DynamicTest.dynamicTest(
                    handler.className() + " in " + handler.module().path(), () -> check(handler)));
  }

  private static void check(Handlers.Handler handler) throws IOException {
    // given the module that must build the class
    String module = handler.module().path();
    assumeThat(inReactor(module))
        .as("%s is not a <module> of the root pom yet; checked once the lead adds it", module)
        .isTrue();
    Path output = buildOutput(handler.module());
    if (!Files.exists(output)) {
      if (CI) {
        fail(
            module
                + " is in the reactor but "
                + ROOT.relativize(output)
                + " was not built; the reactor must build it before infra/aws");
      }
      assumeThat(output)
          .as(
              "%s not built locally; run ./mvnw -pl %s -am -DskipTests package",
              ROOT.relativize(output), module)
          .exists();
    }
    // when looking the class up in the build output
    String entry = handler.className().replace('.', '/') + ".class";
    // then it is there
    assertThat(contains(output, entry))
        .as("%s must contain %s", ROOT.relativize(output), entry)
        .isTrue();
    // and a Lambda handler loads from its jar alone as a handler the Java runtime can call
    if (Files.isRegularFile(output) && output.toString().endsWith(".jar")) {
      assertThat(lambdaHandlerInterfaces(output, handler.className()))
          .as(
              "%s, loaded from %s alone, must implement RequestHandler or RequestStreamHandler",
              handler.className(), ROOT.relativize(output))
          .isNotEmpty();
    }
  }

  /**
   * The Lambda handler interfaces that {@code className} implements when loaded from {@code jar}
   * with nothing else on its class path: a superclass or interface missing from the jar (say, a
   * framework's handler base class that the jar leaves out) fails here rather than on AWS.
   */
  private static List<String> lambdaHandlerInterfaces(Path jar, String className)
      throws IOException {
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> handler = Class.forName(className, false, loader);
      List<String> implemented = new ArrayList<>();
      for (String name :
          List.of(
              "com.amazonaws.services.lambda.runtime.RequestHandler",
              "com.amazonaws.services.lambda.runtime.RequestStreamHandler")) {
        if (Class.forName(name, false, loader).isAssignableFrom(handler)) {
          implemented.add(name);
        }
      }
      return implemented;
    } catch (ClassNotFoundException | LinkageError e) {
      throw new AssertionError(className + " does not load from " + ROOT.relativize(jar), e);
    }
  }

  private static Path buildOutput(Handlers.FunctionModule module) {
    return module.artifact().endsWith(".jar")
        ? module.artifactPath(ROOT)
        : module.directory(ROOT).resolve("target/classes");
  }

  private static boolean contains(Path output, String entry) throws IOException {
    if (Files.isDirectory(output)) {
      return Files.isRegularFile(output.resolve(entry));
    }
    try (ZipFile jar = new ZipFile(output.toFile())) {
      return jar.getEntry(entry) != null;
    }
  }

  private static boolean inReactor(String module) {
    try {
      return Files.readString(ROOT.resolve("pom.xml")).contains("<module>" + module + "</module>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static TreeSet<String> namedClasses() {
    TreeSet<String> classes = new TreeSet<>();
    for (String env : List.of("dev", "prod")) {
      for (String stack : List.of("Api", "Devices", "Workers")) {
        Template template = SynthesizedApp.template(env, stack);
        classes.addAll(Templates.javaFunctionsByHandler(template).keySet());
        for (Map<String, Object> task :
            Templates.resources(template, "AWS::ECS::TaskDefinition").values()) {
          List<Map<String, Object>> containers =
              (List<Map<String, Object>>) Templates.properties(task).get("ContainerDefinitions");
          for (Map<String, Object> container : containers) {
            List<String> command = new ArrayList<>((List<String>) container.get("Command"));
            classes.add(command.get(command.size() - 1));
          }
        }
      }
    }
    return classes;
  }
}
