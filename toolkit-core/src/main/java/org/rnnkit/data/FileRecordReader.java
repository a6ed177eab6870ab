package org.rnnkit.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;

/**
 * What rnnkit's file-backed DataVec readers share: the file they read and reopen on {@link
 * #reset()}, the DataVec configuration (kept, but unused), no labels, and no loading of single
 * records by metadata (records are streamed once in file order).
 */
abstract class FileRecordReader extends BaseRecordReader {

    private static final long serialVersionUID = 1L;

    /** The data file (or directory) opened last, {@code null} before the first. */
    transient Path path;

    /** The DataVec configuration, unused by these readers. */
    private Configuration conf;

    /**
     * Opens a data file, closing any opened before; {@link #reset()} calls it again.
     *
     * @param file the data file (or directory)
     * @throws IOException when the file cannot be opened
     */
    abstract void initialize(Path file) throws IOException;

    /**
     * Opens the data file named by a split.
     *
     * @param split the split
     * @throws IOException when the file cannot be opened
     */
    @Override
    public abstract void initialize(InputSplit split) throws IOException;

    /** {@inheritDoc} */
    @Override
    public void initialize(Configuration conf, InputSplit split) throws IOException {
        setConf(conf);
        initialize(split);
    }

    /**
     * Reopens the file from its start.
     *
     * @throws IllegalStateException when no file was opened yet
     * @throws UncheckedIOException when the file cannot be reopened
     */
    @Override
    public void reset() {
        if (path == null) {
            throw new IllegalStateException("reader not initialized: call initialize(...) first");
        }
        try {
            initialize(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen " + path, e);
        }
    }

    /**
     * Tells whether {@link #reset()} can reopen a file.
     *
     * @return {@code true} once a file was opened
     */
    @Override
    public boolean resetSupported() {
        return path != null;
    }

    /**
     * Returns no labels: the labels are values of the records.
     *
     * @return {@code null}
     */
    @Override
    public List<String> getLabels() {
        return null;
    }

    /**
     * Not supported: records are streamed once in file order.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " does not load single records by metadata");
    }

    /**
     * Not supported: records are streamed once in file order.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " does not load single records by metadata");
    }

    /** {@inheritDoc} */
    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    /** {@inheritDoc} */
    @Override
    public Configuration getConf() {
        return conf;
    }
}
