package org.rnnkit.serve;

/**
 * A request the server refuses, with the HTTP status to answer and, where one is to blame, the
 * request field. The handler turns it into {@code {"error": ..., "field": ...}}.
 */
final class RequestException extends RuntimeException {

    private final int status;
    private final String field;
    private final Integer retryAfterSeconds;

    RequestException(int status, String field, String message) {
        this(status, field, message, null);
    }

    RequestException(int status, String field, String message, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 400 naming the field. */
    static RequestException badField(String field, String message) {
        return new RequestException(400, field, message);
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }

    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
