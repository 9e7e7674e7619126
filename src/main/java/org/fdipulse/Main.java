package org.fdipulse;

import org.fdipulse.cli.Cli;

/** {@code java -jar target/fdi-pulse.jar COMMAND}: see {@link Cli}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(args));
    }
}
