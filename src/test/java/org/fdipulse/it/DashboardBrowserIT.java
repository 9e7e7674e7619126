package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven through chromedriver's W3C WebDriver API, loads
 * the page from {@code demo}, sees every chart drawn with data (the capital mix and year on year among them) and a
 * firing alert, and sees a figure change without a reload while the
 * demo streams new events. Saves {@code target/dashboard.png}. {@code .ci/run} installs chromium and chromium-driver.
 */
@DisplayName("the dashboard renders in headless Chromium and updates live")
class DashboardBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("charts with data, a KPI that changes as the demo streams, and a screenshot")
    void rendersAndUpdates() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed; .ci/run installs them");
        int httpPort = Deployment.freePort();
        int driverPort = Deployment.freePort();
        try (Jar.Running demo = Jar.start("demo", "--http-port", String.valueOf(httpPort), "--pace", "25", "--duration", "300")) {
            awaitHttp("http://localhost:" + httpPort + "/api/v1/services-share/ALL/2024-Q1", demo);
            Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + driverPort)
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "chromedriver.log").toFile()).start();
            try {
                awaitHttp("http://localhost:" + driverPort + "/status", demo);
                String session = newSession(driverPort);
                String base = "http://localhost:" + driverPort + "/session/" + session;
                post(base + "/url", JSON.createObjectNode().put("url", "http://localhost:" + httpPort + "/"));

                awaitScript(base, "return document.body.dataset.loaded === 'true' && "
                        + "document.getElementById('kpi-share').textContent.includes('%')", "the page loads its figures");
                long drawn = (long) script(base, "return ['chart-cities','chart-trend','chart-heat','chart-dead','chart-capital',"
                        + "'chart-impact'].filter(id => document.querySelector('#' + id + ' canvas')).length").asLong();
                assertEquals(6, drawn, "every chart is drawn on a canvas");
                // v3 (R10): the event study inside its 95% band, a zero line and the pilot's start marked; the 2025
                // cohort has cells in the demo's 2024-2025 panel
                awaitScript(base, "const o = echarts.getInstanceByDom(document.getElementById('chart-impact')).getOption();"
                        + " const band = o.series[0]; const line = o.series[1]; const marks = line.markLine.data;"
                        + " return band.type === 'custom' && line.data.length > 1 && band.data.length === line.data.length"
                        + " && marks.some(m => m.yAxis === 0) && marks.some(m => m.xAxis === '0')"
                        + " && line.data.every((v, i) => band.data[i][1] <= Number(v) && Number(v) <= band.data[i][2])",
                        "the event study is drawn inside its band, with a zero line and the pilot's start");
                assertTrue(script(base, "return document.getElementById('impact-overall').textContent").asText()
                        .startsWith("overall "), "the overall estimate is written beside the chart");
                // v2: the capital mix by investor type (seven stacked series and two lines), year on year, and alerts
                awaitScript(base, "return echarts.getInstanceByDom(document.getElementById('chart-capital'))"
                        + ".getOption().series.length === 9 && echarts.getInstanceByDom(document.getElementById('chart-capital'))"
                        + ".getOption().series[0].data.length > 0", "the capital mix is drawn with data");
                assertTrue(script(base, "return document.getElementById('kpi-targeted-green').textContent").asText().contains("%"),
                        "targeted investors into green, as a share");
                awaitScript(base, "return document.querySelectorAll('#alerts .alert').length > 0", "a firing alert is shown");

                assertTrue(script(base, "return echarts.getInstanceByDom(document.getElementById('chart-trend'))"
                        + ".getOption().series[0].data.length").asInt() > 0, "the trend chart has data");
                // the heat map: a row per pilot city that has measures, read in one request (/api/v1/pilot/progress)
                awaitScript(base, "const o = echarts.getInstanceByDom(document.getElementById('chart-heat')).getOption();"
                        + " return o.yAxis[0].data.length > 0 && !o.yAxis[0].data.includes('ALL')"
                        + " && o.series[0].data.length >= o.yAxis[0].data.length", "the heat map has a row per pilot city");
                assertTrue(script(base, "return document.getElementById('live').className").asText().contains("on"),
                        "the live feed is connected");

                String before = script(base, "return document.getElementById('kpi-progress').textContent + ' | ' + "
                        + "document.getElementById('kpi-total').textContent").asText();
                String after = awaitChange(base, before);
                assertNotEquals(before, after, "a figure changed without a reload");
                // the demo streams 2024 first (nothing a year earlier): year on year appears once 2025 arrives
                awaitScript(base, "return echarts.getInstanceByDom(document.getElementById('chart-trend'))"
                        + ".getOption().series[3].data.some(v => v != null)", "the trend shows year on year");

                JsonNode png = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/screenshot")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).get("value");
                Files.write(Path.of("target", "dashboard.png"), Base64.getDecoder().decode(png.asText()));
                http.send(HttpRequest.newBuilder(URI.create(base)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            } finally {
                driver.destroy();
                driver.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private String newSession(int driverPort) throws Exception {
        ObjectNode options = JSON.createObjectNode();
        options.put("binary", CHROMIUM.toString());
        var args = options.putArray("args");
        List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1100",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium-").toAbsolutePath()).forEach(args::add);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome").set("goog:chromeOptions", options);
        JsonNode response = post("http://localhost:" + driverPort + "/session", body);
        return response.get("value").get("sessionId").asText();
    }

    private String awaitChange(String base, String before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String now = before;
        while (System.nanoTime() < deadline && now.equals(before)) {
            Thread.sleep(1000);
            now = script(base, "return document.getElementById('kpi-progress').textContent + ' | ' + "
                    + "document.getElementById('kpi-total').textContent").asText();
        }
        return now;
    }

    private void awaitScript(String base, String script, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (script(base, script).asBoolean()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting until " + what);
    }

    private JsonNode script(String base, String script) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.putArray("args");
        return post(base + "/execute/sync", body).get("value");
    }

    private JsonNode post(String url, JsonNode body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private void awaitHttp(String url, Jar.Running demo) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (!demo.isAlive()) {
                throw new AssertionError("the demo stopped: " + demo.err());
            }
            Thread.sleep(500);
        }
        throw new AssertionError(url + " never answered 200");
    }
}
