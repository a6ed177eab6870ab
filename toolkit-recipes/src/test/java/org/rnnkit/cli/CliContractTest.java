package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command-line contract: every command and flag of rnnkit 8340b8e (recorded in {@code
 * cli/contract-8340b8e.txt}, one line per command: its flags, then its positional parameters) is
 * still there. New commands and flags may be added; none may disappear or be renamed.
 */
class CliContractTest {

    @Test
    void givenCommandTree_whenListed_thenEveryCommandAndFlagOf8340b8eRemains() throws IOException {
        List<String> now = new ArrayList<>();
        list(new CommandLine(new RnnkitCli()), now);
        String recorded;
        try (InputStream in = getClass().getResourceAsStream("/cli/contract-8340b8e.txt")) {
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> missing = new ArrayList<>();
        for (String line : recorded.strip().split("\n")) {
            String command = line.substring(0, line.indexOf(':'));
            String current =
                    now.stream().filter(l -> l.startsWith(command + ":")).findFirst().orElse("");
            if (!covers(current, line)) {
                missing.add(line + "\n   now: " + current);
            }
        }
        assertEquals(List.of(), missing, "commands or flags of 8340b8e that are gone");
    }

    private static boolean covers(String current, String recorded) {
        if (current.isEmpty()) {
            return false;
        }
        String[] was = recorded.split(" \\| ", 2);
        String[] is = current.split(" \\| ", 2);
        TreeSet<String> flags = new TreeSet<>(Arrays.asList(is[0].split(" ")));
        boolean positionalsKept = was.length < 2 || (is.length == 2 && is[1].equals(was[1]));
        return flags.containsAll(Arrays.asList(was[0].split(" "))) && positionalsKept;
    }

    private static void list(CommandLine commandLine, List<String> out) {
        CommandSpec spec = commandLine.getCommandSpec();
        TreeSet<String> names = new TreeSet<>();
        for (OptionSpec option : spec.options()) {
            names.addAll(Arrays.asList(option.names()));
        }
        List<String> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            positionals.add(p.paramLabel());
        }
        out.add(
                spec.qualifiedName()
                        + ": "
                        + String.join(" ", names)
                        + (positionals.isEmpty() ? "" : " | " + String.join(" ", positionals)));
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            list(sub, out);
        }
    }
}
