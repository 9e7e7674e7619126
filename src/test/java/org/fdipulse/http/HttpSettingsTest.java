package org.fdipulse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTTP settings: defaults, overrides, and a refused value names the setting")
class HttpSettingsTest {

    @Test
    void defaultsAndOverrides() {
        HttpSettings d = HttpSettings.from(new Properties(), "0.0.0.0", 8080, "localhost");
        assertEquals(100, d.liveFeedMaxClients());
        assertEquals(Duration.ofSeconds(10), d.requestTimeout());
        assertEquals(16, d.queryThreads());
        assertEquals(64, d.queryQueue());
        assertEquals(32, d.lookupThreads());

        Properties p = new Properties();
        p.setProperty(HttpSettings.LIVE_FEED_MAX_CLIENTS, "3");
        p.setProperty(HttpSettings.REQUEST_TIMEOUT_MS, "250");
        p.setProperty(InternalAccess.TOKEN, "hunter2");
        HttpSettings s = HttpSettings.from(p, "127.0.0.1", 9000, "localhost");
        assertEquals(3, s.liveFeedMaxClients());
        assertEquals(Duration.ofMillis(250), s.requestTimeout());
        assertFalse(s.toString().contains("hunter2"), "the token never appears in a printed setting: " + s);
    }

    @Test
    void refused() {
        Properties p = new Properties();
        p.setProperty(HttpSettings.LIVE_FEED_MAX_CLIENTS, "0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpSettings.from(p, "0.0.0.0", 1, "h"));
        assertTrue(e.getMessage().startsWith(HttpSettings.LIVE_FEED_MAX_CLIENTS), e.getMessage());
    }
}
