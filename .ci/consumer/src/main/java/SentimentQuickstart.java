import java.nio.file.Path;
import java.util.List;
import org.rnnkit.recipes.RecipeResult;
import org.rnnkit.recipes.sentiment.SentimentModel;
import org.rnnkit.recipes.sentiment.SentimentOptions;
import org.rnnkit.recipes.sentiment.SentimentRecipe;

/** Trains a sentiment classifier on rnnkit's embedded reviews, saves it, loads it and predicts. */
public class SentimentQuickstart {
    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args.length > 0 ? args[0] : "sentiment.zip");
        SentimentOptions options =
                SentimentOptions.defaults().withTraining(t -> t.out(bundle).progressBar(false));
        RecipeResult result = SentimentRecipe.train(options); // trains, then saves the bundle
        SentimentModel model = SentimentModel.load(result.bundle()); // loads it back
        for (var p : model.predict(List.of("not bad at all", "a dull plot"))) {
            System.out.println(p.label() + "\t" + p.probability());
        }
    }
}
