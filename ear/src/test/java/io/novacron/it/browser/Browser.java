package io.novacron.it.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * One headless Chromium session with the waits and screenshots the UI tests need. The system's own
 * chromium and chromedriver are used (no driver download: the machine has no outside network).
 */
final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final Path screenshots;

    Browser(Path screenshots) {
        this.screenshots = screenshots;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("novacron.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,900", "--user-data-dir=" + temporaryProfile());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("novacron.chromedriver", "/usr/bin/chromedriver")))
                .build();
        driver = new ChromeDriver(service, options);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement byTestId(String testId) {
        return until(d -> {
            WebElement element = d.findElement(By.cssSelector("[data-testid='" + testId + "']"));
            return element.isDisplayed() ? element : null;
        }, "[data-testid=" + testId + "] to be visible");
    }

    boolean isPresent(String testId) {
        return !driver.findElements(By.cssSelector("[data-testid='" + testId + "']")).isEmpty();
    }

    void type(String testId, String text) {
        WebElement input = byTestId(testId);
        input.clear();
        input.sendKeys(text);
    }

    /** Waits (with a deadline) until the condition yields a value, and returns it. */
    <T> T until(ExpectedCondition<T> condition, String what) {
        return new WebDriverWait(driver, WAIT).withMessage("waiting for " + what)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    void waitForText(String testId, String expected) {
        until(d -> byTestId(testId).getText().contains(expected) ? Boolean.TRUE : null,
                "[data-testid=" + testId + "] to contain '" + expected + "'");
    }

    WebDriver driver() {
        return driver;
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String temporaryProfile() {
        try {
            return Files.createTempDirectory("novacron-chromium").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
