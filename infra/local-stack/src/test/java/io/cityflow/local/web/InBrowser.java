package io.cityflow.local.web;

import io.cityflow.localstack.LocalStack;
import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A browser test class: one stack ({@link WebStack}) and one Chromium for all its tests. */
@ExtendWith(PostgresExtension.class)
abstract class InBrowser {
  @TempDir static Path dataDir;
  static LocalStack stack;
  static Browser browser;

  @BeforeAll
  static void start(PostgresDatabase database) throws Exception {
    stack = WebStack.start(database, dataDir);
    browser = Browser.open(stack.apiUrl().toString().replaceAll("/$", ""));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
  }
}
