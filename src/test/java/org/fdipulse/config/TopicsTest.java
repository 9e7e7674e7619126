package org.fdipulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("topic names: the contract's by default, each overridable, never two roles on one topic")
class TopicsTest {

    @Test
    @DisplayName("the defaults are the contract's names, and fdi.topic.<role> overrides one")
    void defaultsAndOverrides() {
        Properties props = new Properties();
        props.setProperty("fdi.topic.alerts", " team-a.alerts ");
        Topics topics = Topics.from(props);
        assertEquals(List.of("fdi.sector-summary", "fdi.services-share", "pilot.progress", "fdi.capital-mix", "team-a.alerts",
                        "fdi.programme-impact", "fdi.source-mix"),
                topics.outputs());
        assertEquals("alert", topics.outputEvents().get("team-a.alerts"), "the live-feed event of the renamed topic");
        assertEquals("fdi.investments", topics.investments());
        assertEquals("fdi.dead-letter", topics.deadLetter());
    }

    @Test
    @DisplayName("two roles on one topic are refused, naming both settings")
    void twoRolesOnOneTopicAreRefused() {
        Properties props = new Properties();
        props.setProperty("fdi.topic.capital-mix", "fdi.services-share");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topics.from(props));
        assertEquals("fdi.topic.services-share and fdi.topic.capital-mix both name topic 'fdi.services-share': every topic"
                + " of the job needs a name of its own; set one of them to another topic", e.getMessage());

        Properties input = new Properties();
        input.setProperty("fdi.topic.dead-letter", "fdi.investments");
        assertThrows(IllegalArgumentException.class, () -> Topics.from(input));
    }
}
