package org.fdipulse.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Reference data of contract section 1")
class ReferenceDataTest {

    private final ReferenceData shipped = ReferenceData.load(new Properties());

    @Test
    @DisplayName("20 pilot cities in four cohorts, plus 'other' which is not a pilot area")
    void cities() {
        assertEquals(21, shipped.cityCodes().size());
        assertEquals(2015, shipped.city("Beijing ").orElseThrow().cohort().getAsInt());
        assertEquals(2025, shipped.city("XIAN").orElseThrow().cohort().getAsInt());
        assertEquals("Liaoning", shipped.city("dalian").orElseThrow().province());
        assertFalse(shipped.city("other").orElseThrow().isPilotArea());
        long pilots = shipped.cityCodes().stream().filter(c -> shipped.city(c).orElseThrow().isPilotArea()).count();
        assertEquals(20, pilots);
        assertTrue(shipped.city("paris").isEmpty());
    }

    @Test
    @DisplayName("sections A-T; F-T are services, A-E are not")
    void sectors() {
        for (char letter = 'A'; letter <= 'T'; letter++) {
            Sector sector = shipped.sector(String.valueOf(letter).toLowerCase()).orElseThrow();
            assertEquals(letter >= 'F', sector.services(), "section " + letter);
        }
        assertTrue(shipped.sector("U").isEmpty());
        assertEquals("Manufacturing", shipped.sector("C").orElseThrow().name());
    }

    @Test
    @DisplayName("the sector letters are the sector file's, in its order")
    void sectorLetters(@TempDir Path dir) throws IOException {
        assertEquals(List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T"),
                shipped.sectorLetters());
        Path sectors = Files.write(dir.resolve("sectors.csv"), List.of("letter,services,name", "x,false,Mining", "F,true,Trade"));
        Properties props = new Properties();
        props.setProperty(ReferenceData.SECTORS_FILE, sectors.toString());
        assertEquals(List.of("X", "F"), ReferenceData.load(props).sectorLetters());
    }

    @Test
    @DisplayName("14 focus areas, matched exactly")
    void focusAreas() {
        assertEquals(14, shipped.focusAreas().size());
        assertTrue(shipped.isFocusArea("DATA_FLOWS"));
        assertFalse(shipped.isFocusArea("data_flows"));
    }

    @Test
    @DisplayName("a configured file replaces the shipped one")
    void overridable(@TempDir Path dir) throws IOException {
        Path areas = Files.write(dir.resolve("areas.txt"), List.of("# mine", "SPACE", "OCEANS"));
        Properties props = new Properties();
        props.setProperty(ReferenceData.FOCUS_AREAS_FILE, areas.toString());
        ReferenceData custom = ReferenceData.load(props);
        assertEquals(2, custom.focusAreas().size());
        assertTrue(custom.isFocusArea("SPACE"));
        assertEquals(21, custom.cityCodes().size(), "cities stay the shipped ones");
    }
}
