package org.rnnkit.cli;

import picocli.CommandLine;

/**
 * A recipe's command group ({@code rnnkit <task>}): given without a subcommand, it is a usage error
 * (exit status 2) that names the subcommands.
 */
abstract class RecipeGroupCommand implements Runnable {

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
