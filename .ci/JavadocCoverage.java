import com.sun.source.doctree.BlockTagTree;
import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Public API javadoc coverage: every public or protected type, constructor, method, field and enum
 * constant reachable from a public type (overrides excepted) must have a doc comment, with a
 * {@code @param} per parameter (type parameters included), {@code @return} unless void, and, where
 * an ND4J array ({@code INDArray}) is taken or returned, the array's shape stated (a bracketed
 * shape such as {@code [batch, size, time]}, or the word "shape"). Records need {@code @param} per
 * component. Prints the coverage and every gap; exits 1 below the threshold.
 *
 * <p>Usage: {@code java .ci/JavadocCoverage.java MIN_PERCENT SOURCE_DIR...}
 */
public class JavadocCoverage {

    private int total;
    private final List<String> gaps = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        double min = Double.parseDouble(args[0]);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            try (Stream<Path> s = Files.walk(Path.of(args[i]))) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        JavadocCoverage coverage = new JavadocCoverage();
        coverage.scan(files);
        double percent = coverage.total == 0 ? 100 : 100.0 * (coverage.total - coverage.gaps.size()) / coverage.total;
        coverage.gaps.forEach(g -> System.out.println("missing: " + g));
        System.out.printf(Locale.ROOT, "javadoc coverage: %.2f%% (%d of %d public API elements documented completely; minimum %.1f%%)%n",
                percent, coverage.total - coverage.gaps.size(), coverage.total, min);
        if (percent < min) {
            System.exit(1);
        }
    }

    private void scan(List<Path> files) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(null, Locale.ROOT, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) compiler.getTask(null, fm, d -> {}, List.of("-proc:none"), null, units);
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                for (Tree t : unit.getTypeDecls()) {
                    if (t instanceof ClassTree c && isPublic(c.getModifiers(), false)) {
                        type(docs, new TreePath(new TreePath(unit), c), c, false);
                    }
                }
            }
        }
    }

    private static boolean isPublic(ModifiersTree m, boolean inInterface) {
        Set<Modifier> flags = m.getFlags();
        return flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
                || (inInterface && !flags.contains(Modifier.PRIVATE));
    }

    private void type(DocTrees docs, TreePath path, ClassTree c, boolean inInterface) {
        String name = path.getCompilationUnit().getSourceFile().getName() + ": " + c.getKind().toString().toLowerCase(Locale.ROOT) + " " + c.getSimpleName();
        DocCommentTree doc = docs.getDocCommentTree(path);
        List<String> params = new ArrayList<>();
        c.getTypeParameters().forEach(tp -> params.add("<" + tp.getName() + ">"));
        if (c.getKind() == Tree.Kind.RECORD) {
            for (Tree m : c.getMembers()) {
                if (m instanceof VariableTree v && !v.getModifiers().getFlags().contains(Modifier.STATIC)) {
                    params.add(v.getName().toString());
                }
            }
        }
        check(name, doc, params, false, false);
        boolean iface = c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE;
        for (Tree m : c.getMembers()) {
            TreePath mp = new TreePath(path, m);
            if (m instanceof ClassTree inner && isPublic(inner.getModifiers(), iface)) {
                type(docs, mp, inner, iface);
            } else if (m instanceof MethodTree method && isPublic(method.getModifiers(), iface)) {
                boolean override = method.getModifiers().getAnnotations().stream()
                        .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
                boolean generated = method.getName().contentEquals("<init>") && docs.getDocCommentTree(mp) == null
                        && c.getKind() == Tree.Kind.RECORD && method.getParameters().isEmpty();
                if (override || generated) {
                    continue;
                }
                List<String> ps = new ArrayList<>();
                method.getTypeParameters().forEach(tp -> ps.add("<" + tp.getName() + ">"));
                method.getParameters().forEach(p -> ps.add(p.getName().toString()));
                // The compact (or canonical) constructor of a record takes its @param tags from the record's.
                boolean compact = c.getKind() == Tree.Kind.RECORD && method.getName().contentEquals("<init>")
                        && ps.equals(components(c));
                if (compact) {
                    ps.clear();
                }
                boolean returns = method.getReturnType() != null && !method.getReturnType().toString().equals("void");
                boolean arrays = method.getParameters().stream().anyMatch(p -> p.getType().toString().contains("INDArray"))
                        || (returns && method.getReturnType().toString().contains("INDArray"));
                String what = method.getName().contentEquals("<init>") ? (compact ? "compact constructor" : "constructor") : "method " + method.getName();
                check(name + "." + what + "(" + String.join(", ", ps) + ")", docs.getDocCommentTree(mp), ps, returns, arrays);
            } else if (m instanceof VariableTree v && (isPublic(v.getModifiers(), iface) || c.getKind() == Tree.Kind.ENUM && isEnumConstant(v))) {
                if (c.getKind() == Tree.Kind.RECORD && !v.getModifiers().getFlags().contains(Modifier.STATIC)) {
                    continue;
                }
                check(name + "." + v.getName(), docs.getDocCommentTree(mp), List.of(), false, false);
            }
        }
    }

    private static List<String> components(ClassTree c) {
        List<String> names = new ArrayList<>();
        for (Tree m : c.getMembers()) {
            if (m instanceof VariableTree v && !v.getModifiers().getFlags().contains(Modifier.STATIC)) {
                names.add(v.getName().toString());
            }
        }
        return names;
    }

    private static boolean isEnumConstant(VariableTree v) {
        return v.getInitializer() != null && v.getInitializer().getKind() == Tree.Kind.NEW_CLASS
                && v.getType() == null || v.getModifiers().getFlags().isEmpty() && v.getInitializer() != null
                && v.getInitializer().getKind() == Tree.Kind.NEW_CLASS;
    }

    private void check(String name, DocCommentTree doc, List<String> params, boolean returns, boolean arrays) {
        total++;
        if (doc == null) {
            gaps.add(name + ": no doc comment");
            return;
        }
        Set<String> documented = new HashSet<>();
        boolean hasReturn = false;
        for (DocTree tag : doc.getBlockTags()) {
            if (tag instanceof ParamTree p) {
                documented.add(p.isTypeParameter() ? "<" + p.getName() + ">" : p.getName().toString());
            } else if (tag instanceof BlockTagTree b && b.getTagName().equals("return")) {
                hasReturn = true;
            }
        }
        List<String> missing = new ArrayList<>(params);
        missing.removeAll(documented);
        if (!missing.isEmpty()) {
            gaps.add(name + ": no @param for " + missing);
        } else if (returns && !hasReturn) {
            gaps.add(name + ": no @return");
        } else if (arrays && !(doc.toString().matches("(?s).*\\[[^\\]]*\\].*") || doc.toString().contains("shape"))) {
            gaps.add(name + ": takes or returns an INDArray but states no shape");
        }
    }
}
