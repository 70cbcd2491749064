package dev.beacon.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through WebDriver, for the console's tests: the Debian {@code chromium} and
 * {@code chromium-driver} packages (nothing is downloaded). {@link #open} skips the test when they are missing.
 * Screenshots go to {@code target/console-screenshots/}.
 */
public final class Browser implements AutoCloseable {

  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final Optional<Path> CHROMIUM = executable("chromium", "chromium-browser", "google-chrome");
  private static final Optional<Path> CHROMEDRIVER = executable("chromedriver");

  private final ChromeDriver driver;
  private final String base;

  private Browser(ChromeDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  /** Skips the test (JUnit assumption) unless Chromium and its driver are installed; call before starting servers. */
  public static void assumeInstalled() {
    Assumptions.assumeTrue(CHROMIUM.isPresent() && CHROMEDRIVER.isPresent(),
        "needs chromium and chromedriver (Debian: apt-get install chromium chromium-driver)");
  }

  /** A browser on {@code http://127.0.0.1:<port>}; skips the test without Chromium. */
  public static Browser open(int port) {
    assumeInstalled();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.get().toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1400,1000", "--no-proxy-server", "--disable-extensions");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.get().toFile())
        .usingAnyFreePort().build();
    return new Browser(new ChromeDriver(service, options), "http://127.0.0.1:" + port);
  }

  private static Optional<Path> executable(String... names) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(names).flatMap(n -> Stream.concat(Stream.of(path.split(File.pathSeparator)),
            Stream.of("/usr/lib/chromium")).map(dir -> Path.of(dir, n)))
        .filter(Files::isExecutable).findFirst();
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Loads {@code path} (e.g. {@code /nacos/#/services}) and waits until the console has rendered a page. */
  public void go(String path) {
    driver.get(base + path);
    Await.until("console page at " + path, Await.WAIT, () -> !all("main *").isEmpty());
  }

  /** Changes the console's route without reloading the document. */
  public void route(String hash) {
    script("location.hash = arguments[0]", hash);
  }

  /** Marks the document, to prove later that it was not reloaded ({@link #notReloaded}). */
  public void mark() {
    script("window.__beaconMark = 'kept'");
  }

  public boolean notReloaded() {
    return "kept".equals(script("return window.__beaconMark"));
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The element, waiting until it exists. */
  public WebElement find(String css) {
    Await.until("element " + css, Await.WAIT, () -> !all(css).isEmpty());
    return driver.findElement(By.cssSelector(css));
  }

  /** The visible text of {@code css}, "" when absent or replaced while read (the page re-renders live). */
  public String text(String css) {
    try {
      List<WebElement> found = all(css);
      return found.isEmpty() ? "" : found.get(0).getText();
    } catch (StaleElementReferenceException e) {
      return "";
    }
  }

  /** Waits until the text of {@code css} contains {@code expected}. */
  public void awaitText(String css, String expected) {
    Await.until(css + " showing '" + expected + "' (now '" + text(css) + "')", Await.WAIT,
        () -> text(css).contains(expected));
  }

  /**
   * Replaces the value of an input, retrying when a live re-render replaced it meanwhile (the console carries typed,
   * unsaved text over into the new input) or it is not interactable yet (rendered but not laid out).
   */
  public void type(String css, String value) {
    Await.until("typing '" + value + "' into " + css, Await.WAIT, () -> {
      try {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(value);
        return value.equals(find(css).getDomProperty("value"));
      } catch (StaleElementReferenceException | ElementNotInteractableException e) {
        return false;
      }
    });
  }

  /**
   * Clicks, retrying when a live re-render replaced the element between finding and clicking it, or it cannot take
   * the click yet.
   */
  public void click(String css) {
    Await.until("click on " + css, Await.WAIT, () -> {
      try {
        List<WebElement> found = all(css);
        if (found.isEmpty()) {
          return false;
        }
        found.get(0).click();
        return true;
      } catch (StaleElementReferenceException | ElementNotInteractableException e) {
        return false;
      }
    });
  }

  /** Saves a PNG of the window as {@code target/console-screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path to = SCREENSHOTS.resolve(name + ".png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } catch (WebDriverException e) {
      System.err.println("closing the browser: " + e);
    }
  }
}
