package org.fdipulse.serde.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the schema registry is and how to reach it, under the names of Confluent's own client, so that a client file
 * an estate already has works with {@code --config}: {@code schema.registry.url} (a comma-separated list, tried in
 * order), {@code basic.auth.credentials.source=USER_INFO} with {@code basic.auth.user.info=USER:PASSWORD},
 * {@code schema.registry.ssl.truststore.location} / {@code .password} / {@code .type}, and
 * {@code auto.register.schemas} (default true). {@link #toString()} never shows the password.
 */
public record RegistrySettings(List<URI> urls, Optional<String> userInfo, Optional<Path> truststore,
                               Optional<String> truststorePassword, String truststoreType, boolean autoRegister) {

    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    /** Every setting of the registry's: none of them is Kafka's, and none goes to a Kafka client. */
    public static final List<String> NAMES = List.of(URL, CREDENTIALS_SOURCE, USER_INFO, TRUSTSTORE_LOCATION,
            TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, AUTO_REGISTER);

    public RegistrySettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(URL + " is empty; give the registry's base URL, e.g. http://registry:8081");
        }
    }

    /** The registry settings, when {@code schema.registry.url} is set. */
    public static Optional<RegistrySettings> from(Properties props) {
        String urlList = props.getProperty(URL);
        if (urlList == null || urlList.isBlank()) {
            return Optional.empty();
        }
        List<URI> urls = new ArrayList<>();
        for (String url : urlList.split(",")) {
            String trimmed = url.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(URL + " holds '" + withoutUserInfo(trimmed) + "', which is not a URL");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException(URL + " holds '" + withoutUserInfo(trimmed)
                        + "': the registry is reached over http:// or https://");
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException(URL + " holds a URL with a user and password in it; give them as "
                        + USER_INFO + "=USER:PASSWORD with " + CREDENTIALS_SOURCE + "=USER_INFO instead");
            }
            urls.add(uri);
        }
        String source = props.getProperty(CREDENTIALS_SOURCE, "").trim();
        String userInfo = props.getProperty(USER_INFO);
        if (!source.isEmpty() && !source.equalsIgnoreCase("USER_INFO")) {
            throw new IllegalArgumentException(CREDENTIALS_SOURCE + " '" + source + "' is not supported; use USER_INFO with "
                    + USER_INFO + "=USER:PASSWORD");
        }
        if (userInfo != null && !userInfo.isEmpty() && !userInfo.contains(":")) {
            throw new IllegalArgumentException(USER_INFO + " must be USER:PASSWORD (the value is not shown here)");
        }
        Optional<String> credentials = source.equalsIgnoreCase("USER_INFO") && userInfo != null && !userInfo.isEmpty()
                ? Optional.of(userInfo) : Optional.empty();
        String location = props.getProperty(TRUSTSTORE_LOCATION, "").trim();
        return Optional.of(new RegistrySettings(urls, credentials,
                location.isEmpty() ? Optional.empty() : Optional.of(Path.of(location)),
                Optional.ofNullable(props.getProperty(TRUSTSTORE_PASSWORD)),
                props.getProperty(TRUSTSTORE_TYPE, "JKS").trim(),
                !"false".equalsIgnoreCase(props.getProperty(AUTO_REGISTER, "true").trim())));
    }

    private static String withoutUserInfo(String url) {
        return url.replaceAll("//[^/@]*@", "//");
    }

    @Override
    public String toString() {
        return "RegistrySettings[urls=" + urls + ", user=" + userInfo.map(u -> u.substring(0, u.indexOf(':'))).orElse("none")
                + ", truststore=" + truststore.map(Path::toString).orElse("none") + ", autoRegister=" + autoRegister + "]";
    }
}
