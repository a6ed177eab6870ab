package org.rnnkit.recipes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The {@code rnnkit} command line, as the recipe and exercise {@code main} methods reach it.
 *
 * <p>The arrows of docs/ARCHITECTURE.md run {@code cli -> recipes}, never back, so a recipe's
 * {@code main} cannot name {@code org.rnnkit.cli.RnnkitCli}. Instead {@code org.rnnkit.cli}
 * implements this interface and registers the implementation in {@code
 * META-INF/services/org.rnnkit.recipes.CommandLineEntry}; {@link #execute(List, String[])} finds it
 * with {@link ServiceLoader}. So {@code java -cp ... org.rnnkit.recipes.sentiment.SentimentRecipe
 * train --epochs 1} parses its arguments with the same picocli command as {@code rnnkit sentiment
 * train --epochs 1}, and ends with the same exit code (0 success, 2 bad usage or bad input, 1
 * anything else).
 */
public interface CommandLineEntry {

    /**
     * Runs the command line without exiting the JVM.
     *
     * @param args the arguments, as after {@code rnnkit} (e.g. {@code sentiment train --smoke})
     * @return the exit code
     */
    int execute(String... args);

    /**
     * Runs one command of the {@code rnnkit} command line without exiting the JVM.
     *
     * @param command the command's path below {@code rnnkit}, e.g. {@code ["sentiment"]} or {@code
     *     ["exercise", "parameter-count"]}
     * @param args the arguments that follow the command
     * @return the command line's exit code
     * @throws IllegalStateException if no implementation is registered (the {@code org.rnnkit.cli}
     *     classes are not on the class path)
     */
    static int execute(List<String> command, String[] args) {
        Iterator<CommandLineEntry> found =
                ServiceLoader.load(CommandLineEntry.class, CommandLineEntry.class.getClassLoader())
                        .iterator();
        if (!found.hasNext()) {
            throw new IllegalStateException(
                    "expected an implementation of "
                            + CommandLineEntry.class.getName()
                            + " registered in META-INF/services (the org.rnnkit.cli classes of"
                            + " rnnkit-recipes.jar), found none on the class path");
        }
        List<String> all = new ArrayList<>(command);
        all.addAll(Arrays.asList(args));
        return found.next().execute(all.toArray(String[]::new));
    }

    /**
     * Runs one command of the {@code rnnkit} command line and exits the JVM with its exit code: the
     * body of every recipe's and exercise's {@code main}.
     *
     * @param command the command's path below {@code rnnkit}
     * @param args the arguments that follow the command
     */
    static void exit(List<String> command, String[] args) {
        System.exit(execute(command, args));
    }
}
