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
import java.util.function.Predicate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.JsonLines;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven through chromedriver's W3C WebDriver API, loads
 * the page from {@code demo}, sees every chart drawn with data (the capital mix and year on year among them) and a
 * firing alert, and sees a figure change without a reload while the
 * demo streams new events. Saves {@code target/dashboard.png}. And the source mix (R11), whose figures the demo's
 * scenario does not give (it names no source economy): from a job fed investments written out here, the panel shows
 * the figures worked out by hand for the scope and quarter picked, and the live feed's record when one more arrives.
 * {@code .ci/run} installs chromium and chromium-driver.
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
                        + "'chart-impact','chart-source'].filter(id => document.querySelector('#' + id + ' canvas')).length").asLong();
                assertEquals(7, drawn, "every chart is drawn on a canvas");
                // R11: a row per group of the shipped groups file (the demo's events name no source economy)
                awaitScript(base, "return document.querySelectorAll('#source-groups tbody tr[data-group]').length === 3",
                        "the source mix has a row per group");
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

    /** R11's investments (USD): two first quarters a year apart; s12 arrives while the page is open. */
    private static final List<String> SOURCE_INVESTMENTS = List.of(
            // 2024-Q1, the year earlier: beijing 100 m from Hong Kong, 50 m from Singapore; shanghai 40 m from Germany
            investment("s01", "beijing", "K", "100000000.00", "2024-02-10", "HK"),
            investment("s02", "beijing", "K", "50000000.00", "2024-02-10", "SG"),
            investment("s03", "shanghai", "C", "40000000.00", "2024-03-01", "DE"),
            // 2025-Q1: beijing 680 m, of which 90 m name no source; the United Kingdom left the EU on 2020-02-01 and
            // Timor-Leste joins ASEAN on 2025-10-26, so neither is in a group here; Macao (10 m), the sixth economy by
            // amount, is left out of the leading five
            investment("s04", "beijing", "K", "300000000.00", "2025-02-10", "HK"),
            investment("s05", "beijing", "F", "100000000.00", "2025-02-11", "SG"),
            investment("s06", "beijing", "C", "80000000.00", "2025-02-12", "DE"),
            investment("s07", "beijing", "K", "60000000.00", "2025-02-13", "GB"),
            investment("s08", "beijing", "K", "40000000.00", "2025-02-14", "TL"),
            investment("s09", "beijing", "K", "10000000.00", "2025-02-15", "MO"),
            investment("s10", "beijing", "K", "90000000.00", "2025-02-16", null),
            investment("s11", "shanghai", "K", "200000000.00", "2025-03-01", "DE"));
    private static final String ONE_MORE = investment("s12", "beijing", "K", "500000000.00", "2025-03-05", "SG");

    private static String investment(String id, String city, String sector, String amount, String day, String economy) {
        return "{\"eventId\":\"" + id + "\",\"city\":\"" + city + "\",\"sector\":\"" + sector + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"USD\",\"occurredAt\":\"" + day + "T00:00:00Z\""
                + (economy == null ? "" : ",\"sourceEconomy\":\"" + economy + "\"") + "}";
    }

    /** The rows of a table of the source-mix panel, each row's cells joined by " | ". */
    private static final String GROUP_ROWS = "return [...document.querySelectorAll('#source-groups tbody tr')]"
            + ".map(tr => [...tr.cells].map(c => c.textContent).join(' | ')).join('\\n')";
    private static final String ECONOMY_ROWS = "return [...document.querySelectorAll('#source-economies tbody tr')]"
            + ".map(tr => [...tr.cells].map(c => c.textContent).join(' | ')).join('\\n')";

    @Test
    @DisplayName("where the money comes from: the groups' shares and the leading economies of the picked scope and quarter, as worked out by hand, updated by the live feed")
    void sourceMixPanel() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed; .ci/run installs them");
        Path dir = Files.createDirectories(Path.of("target", "it-data", "dashboard-source"));
        Path investments = Files.write(dir.resolve("investments.jsonl"), SOURCE_INVESTMENTS);
        Path oneMore = Files.write(dir.resolve("one-more.jsonl"), List.of(ONE_MORE));
        // The figures below are worked out by hand; the contract model, fed the same events, agrees with them.
        ContractModel model = new ContractModel("USD");
        JsonLines.read(investments, InvestmentEvent::new).forEach(model::investment);
        assertEquals("total 680000000.00 unspecified 90000000.00 groups"
                + " ASEAN=100000000.00/0.1471/100000000.00/0.1471/1.0000 EU=80000000.00/0.1176/80000000.00/0.1176/null"
                + " HONG_KONG_MACAO=310000000.00/0.4559/310000000.00/0.4559/2.1000 economies DE=80000000.00/80000000.00/null"
                + " GB=60000000.00/60000000.00/null HK=300000000.00/300000000.00/2.0000 MO=10000000.00/10000000.00/null"
                + " SG=100000000.00/100000000.00/1.0000 TL=40000000.00/40000000.00/null", model.sourceMix().get("beijing|2025-Q1"));
        assertEquals("total 880000000.00 unspecified 90000000.00 groups"
                + " ASEAN=100000000.00/0.1136/100000000.00/0.1136/1.0000 EU=280000000.00/0.3182/280000000.00/0.3182/6.0000"
                + " HONG_KONG_MACAO=310000000.00/0.3523/310000000.00/0.3523/2.1000 economies DE=280000000.00/280000000.00/6.0000"
                + " GB=60000000.00/60000000.00/null HK=300000000.00/300000000.00/2.0000 MO=10000000.00/10000000.00/null"
                + " SG=100000000.00/100000000.00/1.0000 TL=40000000.00/40000000.00/null", model.sourceMix().get("ALL|2025-Q1"));
        assertEquals("total 150000000.00 unspecified 0.00 groups ASEAN=50000000.00/0.3333/50000000.00/0.3333/null"
                + " EU=0.00/0.0000/0.00/0.0000/null HONG_KONG_MACAO=100000000.00/0.6667/100000000.00/0.6667/null"
                + " economies HK=100000000.00/100000000.00/null SG=50000000.00/50000000.00/null", model.sourceMix().get("beijing|2024-Q1"));
        JsonLines.read(oneMore, InvestmentEvent::new).forEach(model::investment);
        assertTrue(model.sourceMix().get("beijing|2025-Q1").startsWith("total 1180000000.00 unspecified 90000000.00 groups"
                + " ASEAN=600000000.00/0.5085/600000000.00/0.5085/11.0000 EU=80000000.00/0.0678/80000000.00/0.0678/null"
                + " HONG_KONG_MACAO=310000000.00/0.2627/310000000.00/0.2627/2.1000 "), model.sourceMix().get("beijing|2025-Q1"));

        Deployment d = new Deployment("dashboard-source");
        int httpPort = Deployment.freePort();
        int driverPort = Deployment.freePort();
        try (Jar.Running job = d.run("USD", httpPort)) {
            JobHttp.awaitHealthy(httpPort, job);
            d.ingest("investments", investments);
            // the page is opened on the figures as they stay: ALL's record for 2025-Q1 complete
            awaitHttp("http://localhost:" + httpPort + "/api/v1/source-mix/ALL/2025-Q1", job,
                    body -> body.replace(" ", "").contains("\"total\":\"880000000.00\""));
            Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + driverPort)
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "chromedriver-source.log").toFile()).start();
            try {
                awaitHttp("http://localhost:" + driverPort + "/status", job, body -> true);
                String session = newSession(driverPort);
                String base = "http://localhost:" + driverPort + "/session/" + session;
                post(base + "/url", JSON.createObjectNode().put("url", "http://localhost:" + httpPort + "/"));
                awaitScript(base, "return document.body.dataset.loaded === 'true'", "the page loads its figures");

                // ALL and the latest quarter first, as the page opens
                awaitRows(base, "ALL|2025-Q1", GROUP_ROWS, String.join("\n",
                        "ASEAN | 100.00 m | 11.4% | 11.4% | +100.0%",
                        "EU | 280.00 m | 31.8% | 31.8% | +600.0%",
                        "Hong Kong, Macao | 310.00 m | 35.2% | 35.2% | +210.0%",
                        "no source named | 90.00 m | 10.2% | – | –"));
                awaitRows(base, "ALL|2025-Q1", ECONOMY_ROWS, String.join("\n",
                        "HK | 300.00 m | 300.00 m | +200.0%",
                        "DE | 280.00 m | 280.00 m | +600.0%",
                        "SG | 100.00 m | 100.00 m | +100.0%",
                        "GB | 60.00 m | 60.00 m | n/a",
                        "TL | 40.00 m | 40.00 m | n/a"));
                assertEquals("[0.1136,0.3182,0.3523]", script(base, "return JSON.stringify(echarts.getInstanceByDom("
                        + "document.getElementById('chart-source')).getOption().series[0].data)").asText(),
                        "the chart's quarter shares: ASEAN, EU, Hong Kong and Macao");

                // a city picked in the panel, then an earlier quarter picked above
                script(base, "const s = document.getElementById('source-scope'); s.value = 'beijing';"
                        + " s.dispatchEvent(new Event('change')); return true");
                awaitRows(base, "beijing|2025-Q1", GROUP_ROWS, String.join("\n",
                        "ASEAN | 100.00 m | 14.7% | 14.7% | +100.0%",
                        "EU | 80.00 m | 11.8% | 11.8% | n/a",
                        "Hong Kong, Macao | 310.00 m | 45.6% | 45.6% | +210.0%",
                        "no source named | 90.00 m | 13.2% | – | –"));
                awaitRows(base, "beijing|2025-Q1", ECONOMY_ROWS, String.join("\n",
                        "HK | 300.00 m | 300.00 m | +200.0%",
                        "SG | 100.00 m | 100.00 m | +100.0%",
                        "DE | 80.00 m | 80.00 m | n/a",
                        "GB | 60.00 m | 60.00 m | n/a",
                        "TL | 40.00 m | 40.00 m | n/a"));
                pickQuarter(base, "2024-Q1");
                awaitRows(base, "beijing|2024-Q1", GROUP_ROWS, String.join("\n",
                        "ASEAN | 50.00 m | 33.3% | 33.3% | n/a",
                        "EU | 0.00 | 0.0% | 0.0% | n/a",
                        "Hong Kong, Macao | 100.00 m | 66.7% | 66.7% | n/a",
                        "no source named | 0.00 | 0.0% | – | –"));
                awaitRows(base, "beijing|2024-Q1", ECONOMY_ROWS, String.join("\n",
                        "HK | 100.00 m | 100.00 m | n/a",
                        "SG | 50.00 m | 50.00 m | n/a"));
                pickQuarter(base, "2025-Q1");
                awaitRows(base, "beijing|2025-Q1", GROUP_ROWS, String.join("\n",
                        "ASEAN | 100.00 m | 14.7% | 14.7% | +100.0%",
                        "EU | 80.00 m | 11.8% | 11.8% | n/a",
                        "Hong Kong, Macao | 310.00 m | 45.6% | 45.6% | +210.0%",
                        "no source named | 90.00 m | 13.2% | – | –"));

                // one more investment, from Singapore: the live feed's source-mix record redraws the panel, no reload
                awaitScript(base, "return document.getElementById('live').className.includes('on')", "the live feed is connected");
                long feedUpdates = script(base, "window.sameDocument = true;"
                        + " return Number(document.getElementById('source-card').dataset.feedUpdates || 0)").asLong();
                d.ingest("investments", oneMore);
                awaitRows(base, "beijing|2025-Q1", GROUP_ROWS, String.join("\n",
                        "ASEAN | 600.00 m | 50.8% | 50.8% | +1100.0%",
                        "EU | 80.00 m | 6.8% | 6.8% | n/a",
                        "Hong Kong, Macao | 310.00 m | 26.3% | 26.3% | +210.0%",
                        "no source named | 90.00 m | 7.6% | – | –"));
                awaitRows(base, "beijing|2025-Q1", ECONOMY_ROWS, String.join("\n",
                        "SG | 600.00 m | 600.00 m | +1100.0%",
                        "HK | 300.00 m | 300.00 m | +200.0%",
                        "DE | 80.00 m | 80.00 m | n/a",
                        "GB | 60.00 m | 60.00 m | n/a",
                        "TL | 40.00 m | 40.00 m | n/a"));
                awaitScript(base, "return Number(document.getElementById('source-card').dataset.feedUpdates || 0) > " + feedUpdates,
                        "the source-mix event of beijing|2025-Q1 reaches the panel");
                assertEquals("[0.5085,0.0678,0.2627]", script(base, "return JSON.stringify(echarts.getInstanceByDom("
                        + "document.getElementById('chart-source')).getOption().series[0].data)").asText(), "the chart, redrawn");
                assertTrue(script(base, "return window.sameDocument === true").asBoolean(), "no reload");

                script(base, "document.getElementById('source-card').scrollIntoView(); return true");
                JsonNode png = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/screenshot")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).get("value");
                Files.write(Path.of("target", "dashboard-source-mix.png"), Base64.getDecoder().decode(png.asText()));
                http.send(HttpRequest.newBuilder(URI.create(base)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            } finally {
                driver.destroy();
                driver.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void pickQuarter(String base, String quarter) throws Exception {
        awaitScript(base, "return [...document.getElementById('quarter').options].some(o => o.value === '" + quarter + "')",
                "the quarter picker offers " + quarter);
        script(base, "const q = document.getElementById('quarter'); q.value = '" + quarter + "';"
                + " q.dispatchEvent(new Event('change')); return true");
    }

    /** Waits until the panel shows {@code key} (scope|quarter) with these rows; fails with the rows it last showed. */
    private void awaitRows(String base, String key, String rowsScript, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String shown;
        do {
            shown = script(base, "return document.getElementById('source-card').dataset.key").asText()
                    + "\n" + script(base, rowsScript).asText();
            if (shown.equals(key + "\n" + expected)) {
                return;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        assertEquals(key + "\n" + expected, shown, "the source-mix panel");
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
        awaitHttp(url, demo, body -> true);
    }

    /** Waits until {@code url} answers 200 with a body that passes {@code done}. */
    private void awaitHttp(String url, Jar.Running demo, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && done.test(r.body())) {
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
