package org.layoutlease.kernel;

/** A call the model parses but does not implement yet; the CLI reports it and exits 2. */
public final class NotImplemented extends RuntimeException {
    public NotImplemented(String what) {
        super(what + " is not implemented yet");
    }
}
