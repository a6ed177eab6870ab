package org.rnnkit.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Executes every notebook in {@code notebooks/}: each notebook's code cells run in order in a fresh
 * JShell (in this JVM, with the test classpath), and the test fails with the cell number on a
 * compile error, an unresolved reference or an exception. Lines starting with {@code %} are kernel
 * magics (rapaio) and are skipped. {@code -Drnnkit.notebooks=03,04} runs only the notebooks whose
 * file names contain one of the given parts.
 */
class NotebooksTest {

    private static final Path NOTEBOOKS = Path.of("..", "notebooks");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyNotebookRuns() throws IOException {
        List<Path> notebooks = notebooks();
        assertFalse(notebooks.isEmpty(), "no notebooks in " + NOTEBOOKS.toAbsolutePath());
        return notebooks.stream()
                .map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> execute(nb)));
    }

    @Test
    void notebooksUseTheJavaKernel() throws IOException {
        for (Path nb : notebooks()) {
            JsonNode root = JSON.readTree(nb.toFile());
            assertEquals(
                    "java",
                    root.path("metadata").path("kernelspec").path("name").asText(),
                    nb.toString());
            assertEquals(4, root.path("nbformat").asInt(), nb.toString());
        }
    }

    @Test
    void aFailingCellIsReportedWithItsNumber() throws IOException {
        Path nb = Files.createTempFile("failing", ".ipynb");
        try {
            Files.writeString(
                    nb,
                    "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{},\"cells\":["
                            + "{\"cell_type\":\"code\",\"source\":[\"int a = 1;\"]},"
                            + "{\"cell_type\":\"markdown\",\"source\":[\"text\"]},"
                            + "{\"cell_type\":\"code\",\"source\":[\"int b = a + 1;\\n\",\"Integer.parseInt(\\\"x\\\");\"]}]}");
            AssertionError e =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            AssertionError.class, () -> execute(nb));
            org.junit.jupiter.api.Assertions.assertTrue(
                    e.getMessage().contains("code cell 2"), e.getMessage());
            org.junit.jupiter.api.Assertions.assertTrue(
                    e.getMessage().contains("NumberFormatException"), e.getMessage());
        } finally {
            Files.deleteIfExists(nb);
        }
    }

    private static List<Path> notebooks() throws IOException {
        // -Drnnkit.notebooks=03,04 runs only the notebooks whose names contain one of the parts.
        List<String> only = List.of(System.getProperty("rnnkit.notebooks", "").split(","));
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.filter(p -> p.toString().endsWith(".ipynb"))
                    .filter(
                            p ->
                                    only.stream()
                                            .anyMatch(o -> p.getFileName().toString().contains(o)))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Runs a notebook's code cells; fails naming the notebook, the cell and the snippet. */
    static void execute(Path notebook) throws IOException {
        JsonNode root = JSON.readTree(notebook.toFile());
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : root.path("cells")) {
            if ("code".equals(cell.path("cell_type").asText())) {
                StringBuilder source = new StringBuilder();
                JsonNode src = cell.path("source");
                if (src.isArray()) {
                    src.forEach(line -> source.append(line.asText()));
                } else {
                    source.append(src.asText());
                }
                cells.add(source.toString());
            }
        }
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            String classpath =
                    System.getProperty(
                            "surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : classpath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    shell.addToClasspath(entry);
                }
            }
            for (int c = 0; c < cells.size(); c++) {
                runCell(shell, notebook, c + 1, withoutMagics(cells.get(c)));
            }
        }
    }

    private static String withoutMagics(String cell) {
        return cell.lines()
                .filter(l -> !l.stripLeading().startsWith("%"))
                .collect(Collectors.joining("\n"));
    }

    private static void runCell(JShell shell, Path notebook, int number, String source) {
        String where = notebook.getFileName() + ", code cell " + number;
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = source;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                fail(where + ": incomplete code: " + remaining);
            }
            for (SnippetEvent event : shell.eval(info.source())) {
                Snippet snippet = event.snippet();
                if (event.exception() != null) {
                    Throwable e = event.exception();
                    String type =
                            e instanceof EvalException ee
                                    ? ee.getExceptionClassName()
                                    : e.getClass().getName();
                    throw new AssertionError(
                            where
                                    + ": "
                                    + type
                                    + ": "
                                    + e.getMessage()
                                    + "\n  in: "
                                    + snippet.source().strip(),
                            e);
                }
                if (event.status() == Snippet.Status.REJECTED
                        || event.status() == Snippet.Status.RECOVERABLE_DEFINED
                        || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    String diagnostics =
                            shell.diagnostics(snippet)
                                    .map(d -> d.getMessage(java.util.Locale.ROOT))
                                    .collect(Collectors.joining("; "));
                    List<String> unresolved =
                            snippet instanceof jdk.jshell.DeclarationSnippet d
                                    ? shell.unresolvedDependencies(d).toList()
                                    : List.of();
                    fail(
                            where
                                    + ": "
                                    + event.status()
                                    + " "
                                    + diagnostics
                                    + " unresolved "
                                    + unresolved
                                    + "\n  in: "
                                    + snippet.source().strip());
                }
            }
            remaining = info.remaining();
        }
    }
}
