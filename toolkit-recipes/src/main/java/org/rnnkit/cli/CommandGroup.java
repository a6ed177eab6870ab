package org.rnnkit.cli;

import picocli.CommandLine;

/**
 * A command that only groups subcommands ({@code rnnkit caption}, ...): run without one, it is a
 * usage error (exit status 2) that names them. Subclasses declare the {@code @Command} with its
 * subcommands.
 */
abstract class CommandGroup implements Runnable {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    /**
     * Refuses to run without a subcommand.
     *
     * @throws CommandLine.ParameterException always, naming the subcommands
     */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: choose one of " + spec.subcommands().keySet());
    }
}
