package org.liandong.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every log record of the application under test (same JVM: JBoss LogManager behind
 * java.util.logging) while open, whatever the console's level, so that a test can assert what was
 * logged, at which level, and whether with a stack trace.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    public final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Level before;

    private LogCapture() {
        before = root.getLevel();
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    /** Records whose formatted message contains {@code text}. */
    public List<LogRecord> containing(String text) {
        return records.stream().filter(r -> message(r).contains(text)).toList();
    }

    /** Records at WARNING or above, or carrying a stack trace. */
    public List<LogRecord> loud() {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue() || r.getThrown() != null)
                .toList();
    }

    public static String message(LogRecord r) {
        String m = r.getMessage() == null ? "" : r.getMessage();
        Object[] p = r.getParameters();
        if (p != null && p.length > 0) {
            try {
                m = m.contains("%") ? String.format(m, p) : java.text.MessageFormat.format(m, p);
            } catch (RuntimeException e) {
                m = m + " " + java.util.Arrays.toString(p);
            }
        }
        return m;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(before);
    }
}
