package org.fdipulse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("who may read an instance's stores through /internal/v1/stores/, and when run refuses to start")
class InternalAccessTest {

    private static InternalAccess access(Map<String, String> settings) {
        Properties props = new Properties();
        props.putAll(settings);
        return InternalAccess.from(props);
    }

    @Test
    @DisplayName("with a token: missing is 401, wrong is 403, right is answered, from anywhere")
    void token() {
        InternalAccess a = access(Map.of(InternalAccess.TOKEN, "s3cret-Ünïcode"));
        assertEquals(InternalAccess.Mode.TOKEN, a.mode());
        assertEquals(401, a.check("10.0.0.7", null, false).status());
        assertEquals(401, a.check("127.0.0.1", "", false).status(), "loopback callers need it too");
        assertEquals(403, a.check("10.0.0.7", "s3cret", false).status());
        assertEquals(403, a.check("10.0.0.7", "s3cret-Ünïcode-and-more", false).status());
        assertTrue(a.check("10.0.0.7", "s3cret-Ünïcode", true).allowed());
        assertEquals(Optional.of("s3cret-Ünïcode"), a.outgoingToken(), "instances send it to each other");
        assertFalse(a.toString().contains("s3cret"), "the token is never printed: " + a);
        assertEquals(Optional.empty(), a.refusal("0.0.0.0", "pulse-1.example.org"));
    }

    @Test
    @DisplayName("without a token: this machine only, and no request a local proxy forwarded")
    void loopbackByDefault() {
        InternalAccess a = access(Map.of());
        assertEquals(InternalAccess.Mode.LOOPBACK, a.mode());
        assertTrue(a.check("127.0.0.1", null, false).allowed());
        assertTrue(a.check("0:0:0:0:0:0:0:1", null, false).allowed());
        assertEquals(403, a.check("10.0.0.7", null, false).status());
        assertEquals(403, a.check("127.0.0.1", null, true).status(), "a proxy on this machine relays others");
        assertTrue(a.check("10.0.0.7", null, false).reason().contains(InternalAccess.TOKEN), "the reason names the fix");
        assertEquals(Optional.empty(), a.outgoingToken());
    }

    @Test
    @DisplayName("run refuses only to listen beyond this machine and advertise an address for other machines without a token")
    void refusal() {
        InternalAccess a = access(Map.of());
        String why = a.refusal("0.0.0.0", "pulse-1.example.org").orElseThrow();
        assertTrue(why.contains(InternalAccess.TOKEN) && why.contains("--http-host 127.0.0.1")
                && why.contains(InternalAccess.AUTH + "=none"), why);
        assertEquals(Optional.empty(), a.refusal("0.0.0.0", "localhost"), "instances on one machine reach each other on loopback");
        assertEquals(Optional.empty(), a.refusal("127.0.0.1", "pulse-1.example.org"), "nobody else can reach it");
        assertEquals(Optional.empty(), access(Map.of(InternalAccess.AUTH, "none")).refusal("0.0.0.0", "10.0.0.5"),
                "an explicit opt-out");
        assertTrue(access(Map.of(InternalAccess.AUTH, "none")).check("10.0.0.7", null, true).allowed());
    }

    @Test
    @DisplayName("contradictory or incomplete settings are refused with the fix")
    void badSettings() {
        assertThrows(IllegalArgumentException.class, () -> access(Map.of(InternalAccess.AUTH, "token")));
        assertThrows(IllegalArgumentException.class, () -> access(Map.of(InternalAccess.AUTH, "none", InternalAccess.TOKEN, "x")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> access(Map.of(InternalAccess.AUTH, "basic")));
        assertTrue(e.getMessage().contains("token, loopback, none"), e.getMessage());
        assertEquals(InternalAccess.Mode.LOOPBACK, access(Map.of(InternalAccess.TOKEN, "  ")).mode(), "a blank token is no token");
    }
}
