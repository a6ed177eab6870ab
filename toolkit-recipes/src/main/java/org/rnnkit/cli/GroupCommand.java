package org.rnnkit.cli;

import picocli.CommandLine;

/**
 * A command that only groups subcommands ({@code rnnkit sentiment}, ...): run without one, it is a
 * usage error (exit status 2) that lists them.
 */
abstract class GroupCommand implements Runnable {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: choose one of " + spec.subcommands().keySet());
    }
}
