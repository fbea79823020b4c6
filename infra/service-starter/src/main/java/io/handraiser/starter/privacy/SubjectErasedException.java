package io.handraiser.starter.privacy;

/**
 * Personal data was about to be written for a subject that has been erased. The aggregate refuses commands
 * for an erased contact first; this is the last line for a writer that raced with the erasure.
 */
public class SubjectErasedException extends RuntimeException {

    public SubjectErasedException(String subject) {
        super("data subject " + subject + " has been erased; no personal data may be written for it");
    }
}
