#!/usr/bin/env bash
# How long the HTTP API takes to answer, per endpoint, for one or more builds of the jar on the same data: a broker,
# the official scenario, two instances of each build (as HttpApiIT runs them: one job, four partitions, so about half
# of the keys of a question are held by the other instance), then rounds of requests that alternate between the
# builds, so that whatever else loads the machine falls on each build alike. Before measuring, it checks that the
# builds answer every common request with the same body (the alerts aside, whose figures depend on timing). Prints,
# per build and endpoint, the median and 90th percentile of each instance (a / b): for a question about one scope,
# one of the two holds it and answers from its own store, the other asks it. Not a benchmark of the job: a loop of
# ordinary requests, one at a time, after the input is processed.
#
#   docs/http-latency.sh ROUNDS LABEL=JAR [LABEL=JAR ...]
#   e.g. docs/http-latency.sh 1000 before=/tmp/before.jar after=target/fdi-pulse.jar
#
# A build whose dashboard still draws the trend from /api/v1/quarters (before GET /api/v1/services-share/{scope})
# is measured doing that: the quarters, then one request per quarter side by side, as dashboard.js did.
set -euo pipefail
rounds=$1
shift
builds=("$@")
work=$(mktemp -d "${TMPDIR:-/tmp}/http-latency.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
first_jar=${builds[0]#*=}

broker=$(free_port)
java -jar "$first_jar" broker --port "$broker" --data-dir "$work/broker" >"$work/broker.log" 2>&1 &
pids+=($!)
java -jar "$first_jar" generate --scenario official-2024-2025 --out "$work/data" >/dev/null 2>&1
for kind in fx-rates investments measures; do
  until java -jar "$first_jar" ingest --bootstrap-servers "localhost:$broker" --kind "$kind" "$work/data/$kind.jsonl" \
      >/dev/null 2>"$work/ingest-$kind.log"; do sleep 1; done   # the broker may still be starting
done

targets=()
for build in "${builds[@]}"; do
  label=${build%%=*}
  jar=${build#*=}
  ports=()
  for instance in a b; do
    port=$(free_port)
    ports+=("$port")
    outputs=()
    for topic in sector-summary services-share pilot-progress capital-mix alerts dead-letter; do
      outputs+=(--set "fdi.topic.$topic=latency-$label.$topic")
    done
    java -jar "$jar" run --bootstrap-servers "localhost:$broker" --application-id "latency-$label" \
        --http-port "$port" --http-host 127.0.0.1 --state-dir "$work/state-$label-$instance" "${outputs[@]}" \
        >"$work/$label-$instance.log" 2>&1 &
    pids+=($!)
  done
  targets+=("$label=${ports[0]},${ports[1]}")
done

cat >"$work/HttpLatency.java" <<'JAVA'
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** args: ROUNDS LABEL=PORT,PORT ... */
public class HttpLatency {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String Q = "2025-Q4";
    static final Map<String, String> PATHS = new LinkedHashMap<>();
    static {
        PATHS.put("share of one scope and quarter", "/api/v1/services-share/ALL/" + Q);
        PATHS.put("shares of a quarter (every scope)", "/api/v1/services-share?quarter=" + Q);
        PATHS.put("capital mix of a quarter (every scope)", "/api/v1/capital-mix?quarter=" + Q);
        PATHS.put("alerts (every scope)", "/api/v1/alerts");
        PATHS.put("dead letters", "/api/v1/dead-letters");
        PATHS.put("investments of a city's quarter", "/api/v1/investments/beijing/" + Q);
        PATHS.put("pilot progress of a city", "/api/v1/pilot/progress/shenzhen");
        PATHS.put("pilot progress of ALL", "/api/v1/pilot/progress/ALL");
    }
    static final String TREND = "dashboard trend (every ALL quarter)";

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static boolean hasScopeEndpoint(int port) throws Exception {
        return get(port, "/api/v1/services-share/ALL").statusCode() == 200;
    }

    /** The trend as the build's dashboard fetches it; returns the number of requests, fails on any non-200. */
    static int trend(int port, boolean oneRequest) throws Exception {
        if (oneRequest) {
            check(get(port, "/api/v1/services-share/ALL"), "trend");
            return 1;
        }
        String quarters = check(get(port, "/api/v1/quarters"), "quarters").body();
        List<CompletableFuture<HttpResponse<String>>> shares = new ArrayList<>();
        for (String q : quarters.replaceAll("[\\[\\]\"]", "").split(",")) {
            shares.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/services-share/ALL/" + q)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (var s : shares) {
            check(s.get(), "trend share");
        }
        return 1 + shares.size();
    }

    static HttpResponse<String> check(HttpResponse<String> r, String what) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Map<String, int[]> builds = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=");
            String[] ports = kv[1].split(",");
            builds.put(kv[0], new int[] {Integer.parseInt(ports[0]), Integer.parseInt(ports[1])});
        }
        // Every build, from both instances, gives the same bodies: the builds do the same work for the same answer.
        // Not the alerts: an alert keeps the figure and time of the moment its state changed, which depend on when
        // each job happened to publish (R9).
        for (var path : PATHS.values()) {
            if (path.equals("/api/v1/alerts")) {
                continue;
            }
            String expected = null;
            for (var b : builds.entrySet()) {
                for (int port : b.getValue()) {
                    String body = check(get(port, path), path).body();
                    if (expected != null && !expected.equals(body)) {
                        int at = 0;
                        while (at < Math.min(body.length(), expected.length()) && body.charAt(at) == expected.charAt(at)) {
                            at++;
                        }
                        throw new IllegalStateException(b.getKey() + " port " + port + " answers " + path + " otherwise, from "
                                + body.substring(Math.max(0, at - 200), Math.min(body.length(), at + 200)) + "\n instead of "
                                + expected.substring(Math.max(0, at - 200), Math.min(expected.length(), at + 200)));
                    }
                    expected = body;
                }
            }
        }
        Map<String, Boolean> oneRequest = new LinkedHashMap<>();
        for (var b : builds.entrySet()) {
            oneRequest.put(b.getKey(), hasScopeEndpoint(b.getValue()[0]));
        }
        // per build, endpoint and instance (0: a, 1: b)
        Map<String, Map<String, List<List<Double>>>> millis = new LinkedHashMap<>();
        Map<String, Integer> trendRequests = new LinkedHashMap<>();
        int warmUp = Math.max(100, rounds / 5);
        // Each round asks every endpoint of every instance of every build once, in a shuffled order: a request that
        // follows another build's burst (the old trend's nine requests) must not always be the same one.
        Random order = new Random(42);
        for (int round = -warmUp; round < rounds; round++) {
            List<String[]> requests = new ArrayList<>();
            for (String build : builds.keySet()) {
                for (int instance = 0; instance < 2; instance++) {
                    for (String endpoint : PATHS.keySet()) {
                        requests.add(new String[] {build, String.valueOf(instance), endpoint});
                    }
                    requests.add(new String[] {build, String.valueOf(instance), TREND});
                }
            }
            Collections.shuffle(requests, order);
            for (String[] r : requests) {
                int instance = Integer.parseInt(r[1]);
                int port = builds.get(r[0])[instance];
                long start = System.nanoTime();
                if (r[2].equals(TREND)) {
                    trendRequests.put(r[0], trend(port, oneRequest.get(r[0])));
                } else {
                    check(get(port, PATHS.get(r[2])), PATHS.get(r[2]));
                }
                double ms = (System.nanoTime() - start) / 1e6;
                if (round >= 0) {
                    millis.computeIfAbsent(r[0], k -> new LinkedHashMap<>())
                            .computeIfAbsent(r[2], k -> List.of(new ArrayList<>(), new ArrayList<>())).get(instance).add(ms);
                }
            }
        }
        System.out.printf("%-40s %-14s %17s %17s%n", "endpoint", "build", "median a / b", "p90 a / b");
        List<String> endpoints = new ArrayList<>(PATHS.keySet());
        endpoints.add(TREND);
        for (String endpoint : endpoints) {
            for (var b : millis.entrySet()) {
                List<List<Double>> both = b.getValue().get(endpoint);
                String label = endpoint.equals(TREND) ? b.getKey() + " (" + trendRequests.get(b.getKey()) + " req)" : b.getKey();
                System.out.printf("%-40s %-14s %7.2f / %5.2f ms %7.2f / %5.2f ms%n", endpoint, label,
                        quantile(both.get(0), 0.5), quantile(both.get(1), 0.5), quantile(both.get(0), 0.9), quantile(both.get(1), 0.9));
            }
        }
        System.out.printf("%d rounds after %d of warm-up; a round asks each endpoint once of each instance of each build,"
                + " in a shuffled order%n",
                rounds, warmUp);
    }

    static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((int) (sorted.size() * q));
    }
}
JAVA

# Ready when every instance answers the last quarter's shares, and the same twice 5 s apart (the input is processed).
ready() {
  local previous=""
  while :; do
    local now=""
    for target in "${targets[@]}"; do
      IFS=, read -r a b <<<"${target#*=}"
      now+=$(curl -sf "http://127.0.0.1:$a/api/v1/services-share?quarter=2025-Q4" || echo down)
      now+=$(curl -sf "http://127.0.0.1:$b/api/v1/pilot/progress/ALL" || echo down)
    done
    if [[ "$now" != *down* && "$now" == "$previous" ]]; then return; fi
    previous=$now
    sleep 5
  done
}
ready
echo "load average before the requests: $(cut -d' ' -f1-3 /proc/loadavg)"
java "$work/HttpLatency.java" "$rounds" "${targets[@]}"
echo "load average after the requests: $(cut -d' ' -f1-3 /proc/loadavg)"
