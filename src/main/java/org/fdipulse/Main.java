package org.fdipulse;

/** Entry point of {@code java -jar target/fdi-pulse.jar COMMAND}; the commands arrive with the command-line issue. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("usage: java -jar target/fdi-pulse.jar COMMAND (demo, run, broker, ingest, tail, generate, bench)");
        System.err.println("fdi-pulse " + Main.class.getPackage().getImplementationVersion()
                + ": the commands are not built yet; see README.md.");
        System.exit(2);
    }
}
