package org.fdipulse.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Who may read this instance's stores through {@code /internal/v1/stores/…}, the endpoint instances use to fetch
 * each other's keys. It answers any key of any store, bypassing the public API's checks, so it is not for everyone:
 * <ul>
 * <li>with {@code fdi.http.internal-token} set, every caller must send that secret in {@value #HEADER} (instances do);
 * <li>without one, only callers on this machine (a loopback address, and no proxy's forwarding header) are answered,
 * which is what instances sharing one host need;
 * <li>{@code fdi.http.internal-auth=none} answers anyone: an explicit choice, for a network the operator trusts.
 * </ul>
 * The token is never logged and never in {@link #toString()}.
 */
public final class InternalAccess {

    public static final String TOKEN = "fdi.http.internal-token";
    public static final String AUTH = "fdi.http.internal-auth";
    public static final String HEADER = "X-Fdi-Internal-Token";

    enum Mode { TOKEN, LOOPBACK, NONE }

    /** The outcome of one request: answered, or refused with a status and a reason for the caller. */
    record Verdict(int status, String reason) {
        static final Verdict ALLOWED = new Verdict(200, null);

        boolean allowed() {
            return status == 200;
        }
    }

    private final Mode mode;
    private final String token;
    private final byte[] tokenDigest;

    private InternalAccess(Mode mode, String token) {
        this.mode = mode;
        this.token = token;
        this.tokenDigest = token == null ? null : sha256(token);
    }

    public static InternalAccess from(Properties props) {
        String token = props.getProperty(TOKEN);
        boolean hasToken = token != null && !token.isBlank();
        String auth = props.getProperty(AUTH, hasToken ? "token" : "loopback").trim().toLowerCase(Locale.ROOT);
        switch (auth) {
            case "token":
                if (!hasToken) {
                    throw new IllegalArgumentException(AUTH + "=token needs " + TOKEN + ": set it to the same secret on"
                            + " every instance (e.g. FDI_PULSE_FDI_HTTP_INTERNAL___TOKEN)");
                }
                return new InternalAccess(Mode.TOKEN, token.strip());
            case "loopback":
            case "none":
                if (hasToken) {
                    throw new IllegalArgumentException(TOKEN + " is set but " + AUTH + "=" + auth
                            + " would ignore it; remove one of the two");
                }
                return new InternalAccess(auth.equals("none") ? Mode.NONE : Mode.LOOPBACK, null);
            default:
                throw new IllegalArgumentException(AUTH + " '" + auth + "' is not one of token, loopback, none");
        }
    }

    Mode mode() {
        return mode;
    }

    /** The header value this instance sends when it queries another: its own token, if it has one. */
    Optional<String> outgoingToken() {
        return Optional.ofNullable(token);
    }

    /**
     * Why {@code run} must not start with this access rule, if it must not: it listens beyond this machine and
     * advertises an address other machines use, so its peers will query its stores over the network, yet no
     * shared secret protects them. Answering them without one would open every store to anyone who reaches the
     * port; refusing them would break every cross-instance query. Either way the operator has to decide.
     */
    Optional<String> refusal(String bindHost, String advertisedHost) {
        if (mode != Mode.LOOPBACK || isLoopback(bindHost) || isLoopback(advertisedHost)) {
            return Optional.empty();
        }
        return Optional.of("fdi-pulse listens on " + bindHost + " and tells other instances to reach it at "
                + advertisedHost + ", so they will read its stores over the network (/internal/v1/stores/), but no "
                + TOKEN + " is set to keep everyone else out. Set " + TOKEN + " to the same secret on every instance"
                + " (FDI_PULSE_FDI_HTTP_INTERNAL___TOKEN=… or in --config; --set shows it in the process list),"
                + " or listen on this machine only (--http-host 127.0.0.1), or, on a network you trust, answer anyone"
                + " with --set " + AUTH + "=none");
    }

    /** Whether a request to the internal endpoint is answered. */
    Verdict check(String remoteAddress, String presentedToken, boolean forwardedByProxy) {
        switch (mode) {
            case NONE:
                return Verdict.ALLOWED;
            case LOOPBACK:
                if (!forwardedByProxy && isLoopback(remoteAddress)) {
                    return Verdict.ALLOWED;
                }
                return new Verdict(403, "the store endpoint answers only this machine; instances on other hosts need "
                        + TOKEN + " set on every instance");
            default:
                if (presentedToken == null || presentedToken.isEmpty()) {
                    return new Verdict(401, "the store endpoint needs the " + HEADER + " header");
                }
                // Comparing digests of equal length, in constant time, tells a caller nothing about how close it was.
                return MessageDigest.isEqual(tokenDigest, sha256(presentedToken)) ? Verdict.ALLOWED
                        : new Verdict(403, "wrong " + HEADER);
        }
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host.strip())) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false; // a name this machine cannot resolve is not known to be local
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "InternalAccess[" + mode + "]";
    }
}
