package io.novacron.it.browser;

import io.novacron.it.ApiClient;
import io.novacron.it.Hosts;
import io.novacron.it.NovaCronServer;
import io.novacron.it.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin UI as an operator uses it: sign in, see the overview, add a host, find it listed and in the
 * audit trail, and see a validation error next to the field. A screenshot of each page is kept under
 * target/screenshots (and of the page a failing test was on).
 */
class AdminUiBrowserIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("novacron.test.output", "target"),
            "screenshots");

    private final NovaCronServer server = NovaCronServer.shared();
    private Browser browser;
    private String testName;
    private boolean finished;

    @BeforeEach
    void openBrowser(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        browser = new Browser(SCREENSHOTS);
    }

    @AfterEach
    void closeBrowser() {
        if (!finished) {
            browser.screenshot("FAILED-" + testName);
        }
        browser.close();
    }

    @Test
    void anAdministratorSignsInAddsAHostAndFindsItInTheAuditTrail() {
        signIn(TestUser.ADMIN);
        browser.waitForText("overview-database", server.database().equals("postgresql") ? "PostgreSQL" : "H2");
        browser.byTestId("overview-version");
        browser.waitForText("overview-health", "UP");
        browser.screenshot("overview");

        String name = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        browser.open(server.uri("/#/hosts").toString());
        browser.byTestId("hosts-add").click();
        browser.byTestId("host-form");
        browser.type("host-field-name", name);
        browser.type("host-field-region", "eu-west");
        browser.type("host-field-site", "dc-2");
        browser.type("host-field-address", "192.0.2.10");
        browser.type("host-field-vcpus", "32");
        browser.type("host-field-memoryMib", "131072");
        browser.type("host-field-labels", "rack=r7");
        browser.screenshot("host-form");
        browser.byTestId("host-save").click();

        browser.waitForText("host-row-" + name, "192.0.2.10");
        browser.waitForText("host-row-" + name, "Active");
        browser.waitForText("notice-area", "Host " + name + " added");
        browser.screenshot("hosts");

        browser.open(server.uri("/#/audit").toString());
        browser.byTestId("audit-table");
        browser.until(d -> d.findElements(By.cssSelector("[data-testid='audit-row']")).stream()
                        .anyMatch(r -> r.getText().contains("host.register") && r.getText().contains("admin"))
                        ? Boolean.TRUE : null, "an audit row for host.register by admin");
        browser.screenshot("audit");
        finished = true;
    }

    @Test
    void aValidationErrorIsShownNextToTheField() {
        signIn(TestUser.OPERATOR);
        browser.open(server.uri("/#/hosts").toString());
        browser.byTestId("hosts-add").click();
        browser.type("host-field-name", "ui-" + UUID.randomUUID().toString().substring(0, 8));
        browser.type("host-field-region", "eu-west");
        browser.type("host-field-site", "dc-2");
        browser.type("host-field-address", "192.0.2.11");
        browser.type("host-field-vcpus", "0");
        browser.type("host-field-memoryMib", "131072");
        browser.byTestId("host-save").click();

        WebElement error = browser.byTestId("host-error-vcpus");
        assertTrue(error.getText().contains("between 1 and 4096"), error.getText());
        assertTrue(browser.byTestId("host-field-vcpus").getAttribute("class").contains("is-invalid"));
        browser.screenshot("host-form-validation");
        finished = true;
    }

    @Test
    void anOperatorEditsAHost() {
        String name = Hosts.uniqueName();
        assertEquals(201, ApiClient.as(TestUser.OPERATOR).post("/api/v1/hosts", Hosts.spec(name, 8)).status());
        signIn(TestUser.OPERATOR);
        browser.open(server.uri("/#/hosts").toString());
        browser.byTestId("host-edit-" + name).click();
        browser.type("host-field-vcpus", "48");
        browser.byTestId("host-save").click();
        browser.until(d -> d.findElement(By.cssSelector("[data-testid='host-row-" + name + "']")).getText()
                .contains("48") ? Boolean.TRUE : null, "the row to show 48 vCPUs");
        browser.screenshot("host-edited");
        finished = true;
    }

    @Test
    void wrongCredentialsAreRefusedOnTheSignInCard() {
        browser.open(server.uri("/").toString());
        browser.type("signin-user", TestUser.ADMIN.userName());
        browser.type("signin-password", "not-the-password");
        browser.byTestId("signin-submit").click();
        browser.waitForText("signin-error", "Wrong user name or password");
        browser.screenshot("signin-refused");
        finished = true;
    }

    @Test
    void anAuditorSeesHostsWithoutWriteButtons() {
        signIn(TestUser.AUDITOR);
        browser.open(server.uri("/#/hosts").toString());
        browser.byTestId("hosts-table");
        browser.byTestId("hosts-readonly");
        assertFalse(browser.isPresent("hosts-add") && browser.byTestId("hosts-add").isDisplayed());
        List<WebElement> removeButtons = browser.driver().findElements(
                By.cssSelector("[data-testid^='host-remove-']"));
        assertEquals(0, removeButtons.stream().filter(WebElement::isDisplayed).count());
        finished = true;
    }

    private void signIn(TestUser user) {
        browser.open(server.uri("/").toString());
        browser.type("signin-user", user.userName());
        browser.type("signin-password", server.password(user));
        browser.screenshot("signin");
        browser.byTestId("signin-submit").click();
        browser.waitForText("current-user", user.userName());
    }
}
