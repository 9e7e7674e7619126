package org.fdipulse.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogSettingsTest {

    @Test
    @DisplayName("levels: the environment first, then each flag; a bare level is the root's, LOGGER=LEVEL one logger's")
    void flagsWinOverTheEnvironment() {
        LogSettings settings = LogSettings.of(Map.of("FDI_PULSE_LOG_LEVEL", "warn,org.apache.kafka=info", "FDI_PULSE_LOG_FORMAT", "JSON"),
                List.of("debug", "org.apache.kafka.streams=error"), null);

        Map<String, Level> expected = new LinkedHashMap<>();
        expected.put("ROOT", Level.DEBUG);
        expected.put("org.apache.kafka", Level.INFO);
        expected.put("org.apache.kafka.streams", Level.ERROR);
        assertEquals(expected, settings.levels());
        assertEquals(LogSettings.Format.JSON, settings.format());
        assertEquals(LogSettings.Format.TEXT, LogSettings.of(Map.of("FDI_PULSE_LOG_FORMAT", "json"), List.of(), "text").format());
        assertEquals(LogSettings.Format.TEXT, LogSettings.of(Map.of(), List.of(), null).format());
    }

    @Test
    @DisplayName("an unknown level or format is refused with the item named")
    void unknownSettingsAreRefused() {
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> LogSettings.of(Map.of("FDI_PULSE_LOG_LEVEL", "info, kafka=chatty"), List.of(), null));
        assertTrue(level.getMessage().contains("'kafka=chatty'"), level.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogSettings.of(Map.of(), List.of("=info"), null));
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> LogSettings.of(Map.of(), List.of(), "xml"));
        assertTrue(format.getMessage().contains("'xml'"), format.getMessage());
    }

    @Test
    @DisplayName("a JSON line stays one valid line with quotes, newlines and control characters, and carries the stack trace")
    void jsonLineEscapesAndCarriesTheException() throws Exception {
        LoggerContext context = new LoggerContext();
        JsonLineLayout layout = new JsonLineLayout();
        layout.setContext(context);
        layout.start();
        String hostile = "a \"quoted\" value,\nnext line\t\u0001 and \\ backslash";
        LoggingEvent event = new LoggingEvent("org.fdipulse.Test", context.getLogger("org.fdipulse.Test"), Level.ERROR,
                "rejected {}", new IllegalStateException("broken"), new Object[] {hostile});
        event.setThreadName("stream-thread [1]");
        event.setTimeStamp(1_700_000_000_123L);

        String line = layout.doLayout(event);

        assertTrue(line.endsWith(System.lineSeparator()));
        assertEquals(1, line.lines().count(), line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("2023-11-14T22:13:20.123Z", json.get("time").asText());
        assertEquals("ERROR", json.get("level").asText());
        assertEquals("org.fdipulse.Test", json.get("logger").asText());
        assertEquals("stream-thread [1]", json.get("thread").asText());
        assertEquals("rejected " + hostile, json.get("message").asText());
        assertTrue(json.get("exception").asText().startsWith("java.lang.IllegalStateException: broken"), json.get("exception").asText());
        assertTrue(json.get("exception").asText().contains("at org.fdipulse.logging.LogSettingsTest"), json.get("exception").asText());

        LoggingEvent plain = new LoggingEvent("x", context.getLogger("x"), Level.INFO, "fine", null, null);
        plain.setTimeStamp(1_700_000_000_000L);
        JsonNode plainJson = new ObjectMapper().readTree(layout.doLayout(plain));
        assertFalse(plainJson.has("exception"));
        assertEquals("2023-11-14T22:13:20.000Z", plainJson.get("time").asText(), "three decimals at a whole second too");
    }
}
