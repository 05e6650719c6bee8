package io.rootwatch.lambda;

/** A queue message that holds no event the detector can read at all: retried, then dead-lettered. */
public final class UnreadableMessage extends Exception {
    public UnreadableMessage(String message) {
        super(message);
    }
}
