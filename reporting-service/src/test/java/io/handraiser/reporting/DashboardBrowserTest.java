package io.handraiser.reporting;

import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.Stage;
import io.handraiser.testsupport.TestTokens;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver; skipped when they are missing): the
 * page and its chart library load without a token, and the numbers it shows are the API's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest extends ReportingTestBase {

    static final File CHROMIUM = firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser");
    static final File CHROMEDRIVER = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    static final Instant T0 = Instant.parse("2026-09-07T10:00:00Z");

    WebDriver browser;

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry registry) {
        isolate(registry, "dashboard");
    }

    @BeforeAll
    void browserAndHistory() {
        assumeTrue(CHROMIUM != null && CHROMEDRIVER != null,
                   "headless Chromium is not installed (apt-get install chromium chromium-driver); the dashboard test is skipped");
        List<DomainEventMessage<?>> history = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Instant at = T0.plus(Duration.ofDays(i * 3L));
            ContactStory contact = ContactStory.captured(at, i % 2 == 0 ? "hubspot" : "website", i % 3 == 0 ? "q3" : null);
            contact.scored(at.plus(Duration.ofHours(1)), i % 3 == 0 ? "v1" : "v2", 10 + 5 * i, 70 - 6 * i, null);
            if (i % 4 != 3) {
                contact.mql(at.plus(Duration.ofHours(5 + i)), i % 2 == 0 ? "A" : "B", i % 3 == 0 ? "v1" : "v2");
                if (i % 4 == 0) {
                    contact.sql(at.plus(Duration.ofDays(2))).advanced(at.plus(Duration.ofDays(9)), Stage.OPPORTUNITY);
                } else if (i % 4 == 1) {
                    contact.returned(at.plus(Duration.ofDays(1)), ReturnReason.NOT_READY);
                }
            }
            history.addAll(contact.events());
        }
        publishAndAwait(history);
        // Selenium is pointed at the system's driver, so it never tries to download one
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                                                   .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                                                                 "--window-size=1400,2400");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageAndItsChartLibraryNeedNoToken() {
        assertThat(api().get("/dashboard", null).statusCode()).isEqualTo(302);
        assertThat(api().get("/dashboard/index.html", null).statusCode()).isEqualTo(200);
        assertThat(api().get("/dashboard/dashboard.js", null).statusCode()).isEqualTo(200);
        assertThat(api().get("/dashboard/webjars/chart.js/dist/chart.umd.min.js", null).statusCode()).isEqualTo(200);
        assertThat(api().get("/api/reports/stages", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theNumbersShownAreTheApisNumbers() {
        open("none");
        JsonNode stages = get("/api/reports/stages", "analyst").get("groups").get(0);
        for (String stage : List.of("SUBSCRIBER", "LEAD", "MQL", "SQL", "OPPORTUNITY", "CUSTOMER")) {
            assertThat(cell("#stage-table tr[data-stage='" + stage + "'] td[data-group='all']"))
                    .as(stage).isEqualTo(stages.get("stages").get(stage).asText());
        }
        assertThat(stages.get("stages").get("MQL").asLong()).as("the history has MQLs to show").isPositive();

        JsonNode conversions = get("/api/reports/conversions?period=week", "analyst").get("groups").get(0).get("transitions");
        for (JsonNode transition : conversions) {
            String row = "#conversion-table tr[data-transition='" + transition.get("from").asText() + ">" + transition.get("to").asText()
                         + "'][data-cohort='all']";
            assertThat(cell(row + " td[data-figure='entered']")).isEqualTo(transition.get("entered").asText());
            assertThat(cell(row + " td[data-figure='converted']")).isEqualTo(transition.get("converted").asText());
            for (JsonNode cohort : transition.get("cohorts")) {
                String cohortRow = row.replace("'all'", "'" + cohort.get("period").asText() + "'");
                assertThat(cell(cohortRow + " td[data-figure='entered']")).isEqualTo(cohort.get("entered").asText());
            }
        }

        for (JsonNode stay : get("/api/reports/time-in-stage", "analyst").get("groups").get(0).get("stages")) {
            if (stay.get("visits").asInt() > 0) {
                String row = "#time-table tr[data-stage='" + stay.get("stage").asText() + "']";
                assertThat(cell(row + " td[data-figure='visits']")).isEqualTo(stay.get("visits").asText());
                assertThat(browser.findElement(By.cssSelector(row + " td[data-figure='median']")).getDomAttribute("data-millis"))
                        .isEqualTo(stay.get("medianMillis").asText());
            }
        }
        Object charts = ((JavascriptExecutor) browser).executeScript(
                "return [window.Chart.getChart('funnel-chart'), window.Chart.getChart('time-chart')].filter(Boolean).length;");
        assertThat(charts).as("both charts drawn by Chart.js").isEqualTo(2L);
    }

    @Test
    void theHeatMapShowsTheMatrixOfTheApiAndACellListsItsContacts() throws Exception {
        open("none");
        JsonNode matrix = get("/api/reports/fit-engagement", "analyst");
        long contacts = 0;
        for (JsonNode cell : matrix.get("cells")) {
            String selector = "#matrix-table td[data-fit='" + cell.get("fit").asText() + "'][data-engagement='" + cell.get("engagement").asText() + "']";
            assertThat(cell(selector + " [data-figure='contacts']")).as(selector).isEqualTo(cell.get("contacts").asText());
            assertThat(browser.findElement(By.cssSelector(selector + " [data-figure='mqls']")).getDomAttribute("data-value"))
                    .isEqualTo(cell.get("mqls").asText());
            assertThat(browser.findElement(By.cssSelector(selector + " [data-figure='sqls']")).getDomAttribute("data-value"))
                    .isEqualTo(cell.get("sqls").asText());
            contacts += cell.get("contacts").asLong();
        }
        assertThat(contacts).as("every scored contact is in a cell").isEqualTo(12);
        JsonNode fullest = null;
        for (JsonNode cell : matrix.get("cells")) {
            fullest = fullest == null || cell.get("contacts").asLong() > fullest.get("contacts").asLong() ? cell : fullest;
        }
        String fit = fullest.get("fit").asText();
        String engagement = fullest.get("engagement").asText();
        browser.findElement(By.cssSelector("#matrix-table td[data-fit='" + fit + "'][data-engagement='" + engagement + "'] a.cell-link")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> "loaded".equals(browser.findElement(By.id("cell-panel")).getDomAttribute("data-state")));
        List<String> shown = browser.findElements(By.cssSelector("#cell-table tbody tr")).stream().map(row -> row.getDomAttribute("data-contact")).toList();
        List<String> listed = new ArrayList<>();
        get("/api/reports/fit-engagement/contacts?fit=" + fit + "&engagement=" + engagement + "&limit=50", "analyst").get("items")
                .forEach(item -> listed.add(item.get("contactId").asText()));
        assertThat(shown).isNotEmpty().isEqualTo(listed);
        File screenshot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.FILE);
        java.nio.file.Files.copy(screenshot.toPath(), java.nio.file.Path.of("target", "dashboard.png"),
                                 java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theBreakdownSelectorGroupsTheMqlOutcomesByModelVersion() {
        open("modelVersion");
        for (JsonNode group : get("/api/reports/mql-outcomes?breakdown=modelVersion", "analyst").get("groups")) {
            String row = "#outcomes-table tr[data-group='" + group.get("key").asText() + "']";
            assertThat(cell(row + " td[data-figure='mqls']")).isEqualTo(group.get("mqls").asText());
            assertThat(cell(row + " td[data-figure='accepted']")).isEqualTo(group.get("accepted").asText());
        }
        assertThat(browser.findElements(By.cssSelector("#outcomes-table tbody tr"))).hasSize(2);
    }

    @Test
    void aDateRangeNarrowsTheFiguresAsTheApiDoes() {
        open("none");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('from').value = '2026-09-14';"
                                                     + "document.getElementById('to').value = '2026-09-20';");
        submitAndAwaitLoad("refresh");
        JsonNode leads = get("/api/reports/conversions?period=week&from=2026-09-14&to=2026-09-21", "analyst").get("groups").get(0)
                                                                                                            .get("transitions").get(0);
        assertThat(cell("#conversion-table tr[data-transition='LEAD>MQL'][data-cohort='all'] td[data-figure='entered']"))
                .isEqualTo(leads.get("entered").asText());
        assertThat(leads.get("entered").asLong()).isBetween(1L, 11L);
    }

    private void open(String breakdown) {
        browser.get("http://localhost:" + port + "/dashboard");
        WebElement token = browser.findElement(By.id("token"));
        token.clear();
        token.sendKeys(TestTokens.bearer("analyst-user", "analyst").substring("Bearer ".length()));
        new Select(browser.findElement(By.id("breakdown"))).selectByValue(breakdown);
        submitAndAwaitLoad("save-token");
    }

    private void submitAndAwaitLoad(String button) {
        Object before = ((JavascriptExecutor) browser).executeScript("return document.body.dataset.loads || '0';");
        browser.findElement(By.id(button)).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Object state = ((JavascriptExecutor) browser).executeScript("return [document.body.dataset.state, document.body.dataset.loads];");
            List<?> values = (List<?>) state;
            assertThat(values.get(0)).as(browser.findElement(By.id("error")).getText()).isNotEqualTo("failed");
            return "loaded".equals(values.get(0)) && !before.equals(values.get(1));
        });
    }

    private String cell(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    private static File firstExisting(String... paths) {
        for (String path : paths) {
            File file = new File(path);
            if (file.canExecute()) {
                return file;
            }
        }
        return null;
    }
}
