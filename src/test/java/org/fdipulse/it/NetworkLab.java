package org.fdipulse.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A small network of its own for the partition tests: one Linux network namespace per host (a broker, an instance of
 * the job), each joined by a veth pair to one bridge, with addresses in 198.18.0.0/15, the range RFC 2544 sets aside
 * for benchmark networks, so that no traffic of the tests can reach a real address. The bridge itself has the
 * address {@code .254}, so this JVM (in the root namespace) reaches every host: it runs {@code ingest}, {@code tail}
 * and the admin client from outside, as an operator's machine would.
 *
 * <p>A partition is nftables drop rules in one host's namespace, both ways (connections then time out, as on a real
 * network; {@code tc netem} is not in these kernels). Needs root, {@code ip} and {@code nft}; {@link #unavailable()}
 * says why not. Everything it makes is named {@code fdip…} with this JVM's pid, and namespaces left by a JVM that has
 * died (a killed test run) are removed at the next start.
 */
final class NetworkLab implements AutoCloseable {

    private static final String PREFIX = "fdip";
    private static final long PID = ProcessHandle.current().pid();
    /** Found on the PATH or where Debian puts them (root's PATH has sbin; another user's may not). */
    private static final String IP = locate("ip");
    private static final String NFT = locate("nft");

    /** One host of the lab: its namespace and address, and how to start a process inside it. */
    record Host(String name, String namespace, String address, String veth) {
        /** The command prefix that runs a process in this host's namespace ({@code ip netns exec} execs it: same pid). */
        List<String> launcher() {
            return List.of(IP, "netns", "exec", namespace);
        }

        @Override
        public String toString() {
            return name + " (" + address + ")";
        }
    }

    private final String id;
    private final String subnet;
    private final String bridge;
    private final Map<String, Host> hosts = new LinkedHashMap<>();

    private NetworkLab() {
        // four hex digits tell this lab's links apart (names of links are 15 characters at most); the subnet's third
        // octet is drawn too, so that two test runs on one machine do not share addresses
        this.id = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        this.subnet = "198.18." + (1 + ThreadLocalRandom.current().nextInt(250)) + ".";
        this.bridge = PREFIX + id + "br";
    }

    /** Why the lab cannot be made on this machine, or null when it can. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root (CI runs as root)";
        }
        if (IP == null) {
            return "'ip' is not installed (Debian's iproute2)";
        }
        if (NFT == null) {
            return "'nft' is not installed (.ci/run installs Debian's nftables)";
        }
        return null;
    }

    /** A bridge with the address {@code .254}, no hosts yet. */
    static NetworkLab create() throws Exception {
        removeStale();
        NetworkLab lab = new NetworkLab();
        try {
            lab.sh(IP, "link", "add", lab.bridge, "type", "bridge");
            lab.sh(IP, "addr", "add", lab.subnet + "254/24", "dev", lab.bridge);
            lab.sh(IP, "link", "set", lab.bridge, "up");
            return lab;
        } catch (Exception | AssertionError e) {
            lab.close();
            throw e;
        }
    }

    /** The address this JVM has on the lab's network. */
    String outsideAddress() {
        return subnet + "254";
    }

    /** A namespace with address {@code .number} on the bridge, loopback up. */
    Host add(String name, int number) throws Exception {
        String namespace = PREFIX + "-" + PID + "-" + id + "-" + name;
        String veth = PREFIX + id + "h" + number;
        Host host = new Host(name, namespace, subnet + number, veth);
        sh(IP, "netns", "add", namespace);
        sh(IP, "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        sh(IP, "link", "set", veth, "master", bridge, "up");
        sh(IP, "netns", "exec", namespace, IP, "addr", "add", host.address() + "/24", "dev", "eth0");
        sh(IP, "netns", "exec", namespace, IP, "link", "set", "eth0", "up");
        sh(IP, "netns", "exec", namespace, IP, "link", "set", "lo", "up");
        hosts.put(name, host);
        return host;
    }

    /**
     * Cuts {@code host} off from each of {@code others} (hosts, or {@link #outsideAddress()}), both ways: its namespace
     * drops every packet to them and from them. Replaces any cut the host had.
     */
    void cut(Host host, Collection<String> others) throws Exception {
        heal(host);
        String addresses = "{ " + String.join(", ", others) + " }";
        nft(host, "add", "table", "inet", "fault");
        nft(host, "add", "chain", "inet", "fault", "out", "{ type filter hook output priority 0; }");
        nft(host, "add", "chain", "inet", "fault", "in", "{ type filter hook input priority 0; }");
        nft(host, "add", "rule", "inet", "fault", "out", "ip", "daddr", addresses, "drop");
        nft(host, "add", "rule", "inet", "fault", "in", "ip", "saddr", addresses, "drop");
    }

    /** The addresses of these hosts, for {@link #cut}. */
    static List<String> addresses(Collection<Host> hosts) {
        return hosts.stream().map(Host::address).collect(Collectors.toList());
    }

    /** Takes away any cut of {@code host}. */
    void heal(Host host) throws Exception {
        Process check = new ProcessBuilder(IP, "netns", "exec", host.namespace(), NFT, "list", "table", "inet", "fault")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (check.waitFor(10, TimeUnit.SECONDS) && check.exitValue() == 0) {
            nft(host, "delete", "table", "inet", "fault");
        }
    }

    private void nft(Host host, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(IP, "netns", "exec", host.namespace(), NFT));
        command.addAll(List.of(args));
        sh(command.toArray(String[]::new));
    }

    /** Removes every namespace and the bridge; the veth pairs go with their namespaces. */
    @Override
    public void close() {
        for (Host host : hosts.values()) {
            quietly(IP, "netns", "del", host.namespace());
        }
        quietly(IP, "link", "del", bridge);
    }

    /** Namespaces (and their bridges) of earlier test JVMs that died before they could remove them. */
    private static void removeStale() throws Exception {
        Process list = new ProcessBuilder(IP, "netns", "list").redirectErrorStream(true).start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(10, TimeUnit.SECONDS);
        for (String line : out.lines().toList()) {
            String namespace = line.split(" ")[0];
            String[] parts = namespace.split("-");
            if (parts.length >= 4 && parts[0].equals(PREFIX) && parts[1].matches("\\d+")
                    && ProcessHandle.of(Long.parseLong(parts[1])).map(ProcessHandle::isAlive).orElse(false) == false) {
                System.out.println("removing the network namespace " + namespace + " of a test run that has ended");
                quietly(IP, "netns", "del", namespace);
                quietly(IP, "link", "del", PREFIX + parts[2] + "br");
            }
        }
    }

    private static String locate(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        return null;
    }

    private static void sh(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("'" + String.join(" ", command) + "' failed: " + out.strip());
        }
    }

    private static void quietly(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // clean-up is best effort: the next run removes what is left
        }
    }
}
