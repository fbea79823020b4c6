package io.handraiser.starter.privacy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;

/**
 * A message's JSON as it streams past, with each personal value's ciphertext replaced by what it opens to (or by
 * {@code null}), so that a message is bound to its class in one pass: building a tree to open the values in, then
 * binding the tree, cost about as much again as the binding itself.
 * <p>
 * The subject is read from the message as it passes. Jackson writes a record's components in order and messages
 * name their subject first, so it comes before any personal value; where it does not, the message cannot be read in
 * one pass and {@link SubjectNotYetRead} says so, before anything is opened. So does a message that ends without a
 * subject in text, for the caller to refuse as it refuses any message without one.
 * <p>
 * A replaced value is read from a parser of its own, swapped in for as long as the value lasts.
 */
final class OpeningParser extends JsonParserDelegate {

    /** Opens personal values for the message being read. */
    interface Opener {
        /** Whether the value of the {@code path}th personal path is opened; one that is not reads as {@code null}. */
        boolean opens(int path);

        /**
         * A parser of the value that {@code sealed}, the text of the {@code path}th personal path, opens to for
         * {@code subject}, standing on its first token; a value that does not open reads as {@code null}.
         */
        JsonParser open(String subject, int path, String sealed) throws IOException;
    }

    /** The message cannot be read in one pass; read it whole instead. Carries no stack trace: it is expected. */
    static final class SubjectNotYetRead extends RuntimeException {
        SubjectNotYetRead() {
            super("the subject does not come before the first personal value", null, false, false);
        }
    }

    private final JsonParser message;
    private final PersonalDataLayout layout;
    private final Opener opener;
    private String subject;

    OpeningParser(JsonParser message, PersonalDataLayout layout, Opener opener) {
        super(message);
        this.message = message;
        this.layout = layout;
        this.opener = opener;
    }

    /** The subject read, once the message has been read to its end; throws {@link SubjectNotYetRead} if there was none. */
    String subject() {
        if (subject == null) {
            throw new SubjectNotYetRead();
        }
        return subject;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        if (delegate != message) {
            JsonToken token = delegate.nextToken();
            if (token != null) {
                return token;
            }
            delegate.close();
            delegate = message;
        }
        JsonToken token = message.nextToken();
        if (token == null || token == JsonToken.FIELD_NAME || token.isStructEnd()) {
            return token;
        }
        JsonStreamContext holder = token.isStructStart() ? message.getParsingContext().getParent() : message.getParsingContext();
        if (!holder.inObject()) {
            return token;
        }
        if (subject == null && token == JsonToken.VALUE_STRING && layout.isSubjectIn(holder)) {
            subject = message.getText();
            return token;
        }
        int path = layout.personalPathIn(holder);
        if (path < 0 || token == JsonToken.VALUE_NULL) {
            return token;
        }
        boolean opens = opener.opens(path);
        if (opens && subject == null) {
            throw new SubjectNotYetRead();
        }
        // a ciphertext is always text: anything else is as damaged as a value that does not open
        String sealed = token.isStructStart() ? "" : opens ? message.getText() : null;
        if (token.isStructStart()) {
            message.skipChildren();
        }
        if (opens) {
            delegate = opener.open(subject, path, sealed);
        } else {
            delegate = NullNode.getInstance().traverse(message.getCodec());
            delegate.nextToken();
        }
        return delegate.currentToken();
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public void close() throws IOException {
        if (delegate != message) {
            delegate.close();
        }
        message.close();
    }
}
