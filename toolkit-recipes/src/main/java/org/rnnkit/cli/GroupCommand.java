package org.rnnkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that only groups subcommands ({@code rnnkit forecast train|eval|...}): run without one,
 * it is a usage error (exit status 2) that names them. Subclasses carry the {@code @Command}.
 */
abstract class GroupCommand implements Runnable {

    @CommandLine.Spec private CommandSpec spec;

    /**
     * Refuses to run without a subcommand.
     *
     * @throws CommandLine.ParameterException naming the subcommands
     */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: choose one of " + spec.subcommands().keySet());
    }
}
