import java.nio.file.Path;
import java.util.List;
import org.rnnkit.api.TextClassifier;

/** The README's library program: trains a classifier, saves it, loads it back and predicts. */
public class SentimentQuickstart {
    public static void main(String[] args) throws Exception {
        List<String> texts = List.of("a great film", "great acting", "truly great", "great fun",
                "the cast was great", "an awful film", "awful acting", "truly awful", "awful fun",
                "the cast was awful");
        List<String> labels = List.of("pos", "pos", "pos", "pos", "pos", "neg", "neg", "neg", "neg", "neg");
        TextClassifier classifier = TextClassifier.builder().epochs(20).learningRate(0.02).minCount(1).build();
        classifier.fit(texts, labels); // a seeded dev split, early stopping
        classifier.save(Path.of(args.length > 0 ? args[0] : "sentiment.zip"));
        TextClassifier loaded = TextClassifier.load(Path.of(args.length > 0 ? args[0] : "sentiment.zip"));
        for (var p : loaded.predict(List.of("the plot was great", "the plot was awful"))) {
            System.out.println(p.label() + "\t" + p.probability());
        }
    }
}
