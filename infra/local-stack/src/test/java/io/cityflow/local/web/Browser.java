package io.cityflow.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through chromedriver, with the checks every page gets: axe-core
 * (no serious or critical violation) and screenshots at phone and desktop widths under {@code
 * target/screenshots}.
 */
final class Browser implements AutoCloseable {
  static final int PHONE_WIDTH = 390;
  static final int DESKTOP_WIDTH = 1280;
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** axe-core as the web module installed it from its lock file. */
  private static final Path AXE =
      Path.of("..", "..", "functions", "web", "node_modules", "axe-core", "axe.min.js");

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final WebDriver driver;
  private final Path profile;
  private final String baseUrl;

  private Browser(WebDriver driver, Path profile, String baseUrl) {
    this.driver = driver;
    this.profile = profile;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts a fresh browser, or skips the test when Chromium is missing (fails it with CI=true,
   * where .ci/run installs Chromium).
   */
  static Browser open(String baseUrl) throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI needs /usr/bin/chromium and /usr/bin/chromedriver");
    }
    Assumptions.assumeTrue(present, "Debian's chromium and chromium-driver are not installed");
    Path profile = Files.createTempDirectory("cityflow-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--lang=en-US",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    driver.manage().window().setSize(new Dimension(DESKTOP_WIDTH, 900));
    return new Browser(driver, profile, baseUrl);
  }

  WebDriver driver() {
    return driver;
  }

  void go(String path) {
    driver.get(baseUrl + path);
  }

  WebElement find(String css) {
    return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  <T> T until(Function<WebDriver, T> condition) {
    return until(condition, Duration.ofSeconds(20));
  }

  <T> T until(Function<WebDriver, T> condition, Duration timeout) {
    return until(condition, timeout, Duration.ofMillis(200));
  }

  /**
   * Polls less often, for conditions that reload a page or call the API each time. An element that
   * a navigation replaced between finding and reading it is polled again, not a failure.
   */
  <T> T until(Function<WebDriver, T> condition, Duration timeout, Duration interval) {
    return new WebDriverWait(driver, timeout, interval)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  void click(String css) {
    until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  /** Signs in on a staff page (the sign-in form is the page's first view without a token). */
  void signIn(String page, String username, String password) {
    go(page);
    driver.manage().deleteAllCookies();
    ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    go(page);
    type("#username", username);
    type("#password", password);
    click("#sign-in button[type=submit]");
    until(ExpectedConditions.invisibilityOfElementLocated(By.id("sign-in")));
  }

  /**
   * Runs axe-core on the page as it is now and returns the serious and critical violations, one
   * line each (rule, impact, first offending element).
   */
  @SuppressWarnings("unchecked")
  List<String> seriousAccessibilityViolations() throws IOException {
    assertThat(AXE).as("axe-core from functions/web (built by its npm ci)").exists();
    JavascriptExecutor js = (JavascriptExecutor) driver;
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
      js.executeScript(Files.readString(AXE));
    }
    Object result =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
                + " target: JSON.stringify(v.nodes.map(n => n.target)), help: v.help}))))"
                + ".catch(e => done([{id: 'axe-error', impact: 'critical', target: '', help: String(e)}]));");
    return ((List<Map<String, Object>>) result)
        .stream()
            .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
            .map(
                v ->
                    v.get("id")
                        + " ("
                        + v.get("impact")
                        + "): "
                        + v.get("help")
                        + " at "
                        + v.get("target"))
            .toList();
  }

  /**
   * Checks the page with axe and saves screenshots at phone and desktop widths as {@code
   * <name>-phone.png} and {@code <name>-desktop.png}.
   */
  void checkPage(String name) throws IOException {
    assertThat(seriousAccessibilityViolations()).as("axe on " + name).isEmpty();
    Files.createDirectories(SCREENSHOTS);
    ChromeDriver chrome = (ChromeDriver) driver;
    for (int width : new int[] {PHONE_WIDTH, DESKTOP_WIDTH}) {
      // The page laid out at this width, then shot whole: the viewport grows to the page's height.
      chrome.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
      Long height =
          (Long)
              chrome.executeScript(
                  "return Math.max(900, document.documentElement.scrollHeight,"
                      + " document.body.scrollHeight)");
      chrome.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of(
              "width",
              width,
              "height",
              (int) Math.min(height, 6000),
              "deviceScaleFactor",
              1,
              "mobile",
              width < 600));
      byte[] png = chrome.getScreenshotAs(OutputType.BYTES);
      String suffix = width == PHONE_WIDTH ? "phone" : "desktop";
      Files.write(SCREENSHOTS.resolve(name + "-" + suffix + ".png"), png);
    }
    chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** Saves what the browser shows now (for a failing step), at the current width. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(
          SCREENSHOTS.resolve(name + ".png"),
          ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The input of a form-js field, by the component id in the form file (`Field_Subject`). */
  WebElement formField(String componentId) {
    return find("[id$='-" + componentId + "']");
  }

  void fillFormField(String componentId, String text) {
    WebElement field = formField(componentId);
    field.clear();
    field.sendKeys(text);
  }

  /** Picks an option of a form-js select by its label, as a person does: open, click the option. */
  void chooseFormOption(String componentId, String label) {
    // form-js draws its own select: a display box that opens a list on mouse-down, and a list
    // that the arrow keys walk and Enter picks from (as a keyboard user does). Which item is
    // highlighted when the list opens depends on where the pointer rests, so walk until the
    // wanted one is highlighted rather than counting key presses.
    find("[id$='-" + componentId + "-display']").click();
    until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-dropdownlist-item")));
    List<String> options =
        all(".fjs-dropdownlist-item").stream().map(e -> e.getText().trim()).toList();
    int wanted = options.indexOf(label);
    assertThat(wanted).as("option " + label + " among " + options).isNotNegative();
    for (int step = 0; step <= options.size(); step++) {
      int highlighted = options.indexOf(highlightedOption());
      if (highlighted == wanted) {
        break;
      }
      new Actions(driver)
          .sendKeys(highlighted >= 0 && highlighted > wanted ? Keys.ARROW_UP : Keys.ARROW_DOWN)
          .perform();
    }
    assertThat(highlightedOption()).as("highlighted option").isEqualTo(label);
    new Actions(driver).sendKeys(Keys.ENTER).perform();
  }

  private String highlightedOption() {
    return all(".fjs-dropdownlist-item.focused").stream()
        .map(e -> e.getText().trim())
        .findFirst()
        .orElse("");
  }

  /**
   * Chooses files for a form-js file picker (newline-separated paths). Its file input is hidden
   * behind a button; the test reveals it because WebDriver types only into visible inputs.
   */
  void uploadToFormField(String componentId, String paths) {
    WebElement input =
        until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("input[type=file][id$='-" + componentId + "']")));
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].classList.remove('fjs-hidden')", input);
    input.sendKeys(paths);
  }

  /** Picks a form-js radio option by its label. */
  void chooseFormRadio(String componentId, String label) {
    until(
            ExpectedConditions.elementToBeClickable(
                By.xpath(
                    "//input[@type='radio' and contains(@id,'-"
                        + componentId
                        + "-')]/following-sibling::label[normalize-space(.)='"
                        + label
                        + "']")))
        .click();
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
