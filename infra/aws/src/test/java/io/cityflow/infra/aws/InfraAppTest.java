package io.cityflow.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraAppTest {

  @Test
  void shouldSynthesizeEveryStackForDevAndProd() {
    // when the app is synthesized with its default context
    // then both environments have all five stacks
    assertThat(SynthesizedApp.stackNames())
        .containsExactlyInAnyOrder(
            "CityFlow-dev-NetworkData",
            "CityFlow-dev-Api",
            "CityFlow-dev-Devices",
            "CityFlow-dev-Workers",
            "CityFlow-dev-Operations",
            "CityFlow-prod-NetworkData",
            "CityFlow-prod-Api",
            "CityFlow-prod-Devices",
            "CityFlow-prod-Workers",
            "CityFlow-prod-Operations");
  }

  @Test
  void shouldRefuseToSynthesizeWithoutTheBuiltFunctions(@TempDir Path root) throws IOException {
    // given a repository whose function modules have not been built
    Files.createDirectories(root.resolve("functions"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    // when the app is built for deployment
    // then it names every missing artifact instead of synthesizing broken templates
    assertThatThrownBy(
            () ->
                InfraApp.build(
                    Map.of("env", "dev"), root, Optional.empty(), Optional.of(root.resolve("out"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("placeholderArtifacts=true")
        .hasMessageContaining(Handlers.CASE_API_MODULE.artifact())
        .hasMessageContaining(Handlers.DEVICE_EVENTS_MODULE.artifact())
        .hasMessageContaining("workers Dockerfile");
  }

  @Test
  void shouldFindTheRepositoryRootFromTheModule() {
    // given the module directory tests run in
    Path module = Path.of("").toAbsolutePath();
    // when looking for the repository root
    Path root = InfraApp.repositoryRoot(module);
    // then it is the directory with the parent POM, two levels up
    assertThat(root.resolve("infra/aws/pom.xml")).exists();
    assertThat(root).isEqualTo(module.getParent().getParent());
  }
}
