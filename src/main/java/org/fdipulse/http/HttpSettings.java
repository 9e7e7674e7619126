package org.fdipulse.http;

import java.time.Duration;
import java.util.Properties;
import org.fdipulse.config.PositiveSetting;

/**
 * How the HTTP API is served and what it lets a caller take: where it listens, who may read the stores of this
 * instance ({@link InternalAccess}), and the limits that keep a flood of queries or live-feed clients from taking
 * the process (or its health checks) down. Read from the job's {@link Properties} ({@code --config},
 * {@code FDI_PULSE_*}, {@code --set}); the bind address, port and advertised host come from flags.
 */
public record HttpSettings(String bindHost, int port, String advertisedHost, InternalAccess internalAccess,
                           int liveFeedMaxClients, Duration requestTimeout, int queryThreads, int queryQueue,
                           int lookupThreads) {

    public static final String LIVE_FEED_MAX_CLIENTS = "fdi.http.live-feed.max-clients";
    public static final String REQUEST_TIMEOUT_MS = "fdi.http.request-timeout.ms";
    public static final String QUERY_THREADS = "fdi.http.query-threads";
    public static final String QUERY_QUEUE = "fdi.http.query-queue";
    public static final String LOOKUP_THREADS = "fdi.http.lookup-threads";

    public static HttpSettings from(Properties props, String bindHost, int port, String advertisedHost) {
        return new HttpSettings(bindHost, port, advertisedHost, InternalAccess.from(props),
                (int) positive(props, LIVE_FEED_MAX_CLIENTS, 100),
                Duration.ofMillis(positive(props, REQUEST_TIMEOUT_MS, 10_000)),
                (int) positive(props, QUERY_THREADS, 16),
                (int) positive(props, QUERY_QUEUE, 64),
                (int) positive(props, LOOKUP_THREADS, 32));
    }

    private static long positive(Properties props, String name, long defaultValue) {
        return PositiveSetting.of(name, props.getProperty(name, String.valueOf(defaultValue)), Integer.MAX_VALUE,
                "a positive whole number", "leave it unset for " + defaultValue).orElseThrow();
    }
}
