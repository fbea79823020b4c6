package io.handraiser.reporting.generation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * One complete set of the reporting collections. Reports read the active generation; a rebuild fills a new one
 * beside it and the pointer moves to the new one when it has caught up.
 */
public final class Generation {

    private final int number;
    private final MongoDatabase database;

    Generation(int number, MongoDatabase database) {
        this.number = number;
        this.database = database;
    }

    public int number() {
        return number;
    }

    public MongoCollection<Document> collection(FactKind kind) {
        return database.getCollection(kind.collectionName(number));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Generation that && that.number == number;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(number);
    }

    @Override
    public String toString() {
        return "generation " + number;
    }
}
