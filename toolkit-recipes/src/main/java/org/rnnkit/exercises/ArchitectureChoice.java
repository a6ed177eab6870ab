package org.rnnkit.exercises;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.rnnkit.recipes.CommandLineEntry;

/**
 * Exercise 11: choosing the architecture. The course's questions, each answered with the RNN type
 * it needs and the rnnkit recipe or builder to start from. {@link #table()} prints the answers;
 * {@code docs/EXERCISES.md} carries the same table.
 */
public final class ArchitectureChoice {

    /** The four RNN types of the course, plus "not an RNN problem". */
    public enum RnnType {
        /** One input (an image, a start token), a sequence out. */
        ONE_TO_MANY(
                "one-to-many",
                "caption",
                "org.rnnkit.model.ImageCaptionBuilder",
                "an encoder's vector conditions a decoder, decoded step by step (org.rnnkit.decode)"),
        /** A sequence in, one output. */
        MANY_TO_ONE(
                "many-to-one",
                "sentiment",
                "org.rnnkit.model.SequenceClassifierBuilder",
                "recurrent layers pooled to one vector (last real step, max or mean)"),
        /** A sequence in, one output per input step. */
        MANY_TO_MANY_EQUAL(
                "many-to-many, equal lengths",
                "postag",
                "org.rnnkit.model.SequenceTaggerBuilder",
                "per-step softmax over (bidirectional) recurrent layers, label mask = feature mask"),
        /** A sequence in, a sequence of another length out. */
        ENCODER_DECODER(
                "many-to-many, different lengths (encoder-decoder)",
                "translate",
                "org.rnnkit.model.Seq2SeqBuilder",
                "encoder, attention, decoder; beam search from org.rnnkit.decode"),
        /** No order to exploit: the inputs are a set of features. */
        NONE(
                "no RNN",
                "-",
                "org.deeplearning4j.nn.conf.layers.DenseLayer",
                "a feed-forward network (or gradient-boosted trees) on the feature vector");

        private final String label;
        private final String recipe;
        private final String builder;
        private final String how;

        RnnType(String label, String recipe, String builder, String how) {
            this.label = label;
            this.recipe = recipe;
            this.builder = builder;
            this.how = how;
        }

        /**
         * @return the course's name of the type
         */
        public String label() {
            return label;
        }

        /**
         * @return the rnnkit recipe ({@code rnnkit <recipe> train}) for the type, or "-"
         */
        public String recipe() {
            return recipe;
        }

        /**
         * @return the fully qualified class to build such a model with
         */
        public String builder() {
            return builder;
        }

        /**
         * @return one line on how the model is put together
         */
        public String how() {
            return how;
        }
    }

    /** The course's questions with their answers. */
    public enum Question {
        /** Summarizing a document. */
        DOCUMENT_SUMMARIZER(
                "Summarize a document",
                RnnType.ENCODER_DECODER,
                "a word sequence in, a shorter word sequence out: lengths differ and are not aligned"),
        /** Predicting ad clicks from tabular features. */
        AD_CLICK(
                "Predict whether a user clicks an ad from tabular features (age, device, hour, ...)",
                RnnType.NONE,
                "one fixed-size feature vector per example, no order between the features"),
        /** A keyboard's next-word suggestion. */
        NEXT_WORD_KEYBOARD(
                "Suggest the next word on a phone keyboard",
                RnnType.MANY_TO_ONE,
                "the words typed so far in, one word out (trained as a language model, every prefix is one"
                        + " example)"),
        /** Captioning the actor in every frame of a video. */
        PER_FRAME_CAPTIONS(
                "Name the action of the actor in every frame of a video",
                RnnType.MANY_TO_MANY_EQUAL,
                "one label per input frame: output steps align with input steps");

        private final String question;
        private final RnnType answer;
        private final String why;

        Question(String question, RnnType answer, String why) {
            this.question = question;
            this.answer = answer;
            this.why = why;
        }

        /**
         * @return the question as the course asks it
         */
        public String question() {
            return question;
        }

        /**
         * @return the architecture that fits
         */
        public RnnType answer() {
            return answer;
        }

        /**
         * @return the reason
         */
        public String why() {
            return why;
        }
    }

    private ArchitectureChoice() {}

    /**
     * The questions, answers and where to start in rnnkit, as a Markdown table.
     *
     * @return the table
     */
    public static String table() {
        List<List<String>> rows = new ArrayList<>();
        for (Question q : Question.values()) {
            RnnType t = q.answer();
            rows.add(
                    List.of(q.question(), t.label(), q.why(), t.recipe(), "`" + t.builder() + "`"));
        }
        return Exercises.table(
                List.of("problem", "architecture", "why", "recipe", "start from"), rows);
    }

    /**
     * Prints {@link #table()}.
     *
     * @param out where the report goes
     */
    public static void print(PrintWriter out) {
        out.print(table());
    }

    /**
     * Runs {@code rnnkit exercise architecture-choice ARGS...}: which architecture for which
     * problem. The command line parses the arguments (see {@code --help}) and sets the exit code.
     *
     * @param args the arguments after {@code rnnkit exercise architecture-choice}
     */
    public static void main(String[] args) {
        CommandLineEntry.exit(List.of("exercise", "architecture-choice"), args);
    }
}
