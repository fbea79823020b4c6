package io.handraiser.local;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMongoTest {

    @Test
    void keepsDataOnDiskAcrossARestart(@TempDir Path data) throws Exception {
        try (EmbeddedMongo first = EmbeddedMongo.start(data, 0); MongoClient client = MongoClients.create(first.uri())) {
            client.getDatabase("contact").getCollection("contacts").insertOne(new Document("_id", "c-1").append("email", "ana@example.com"));
        }

        try (EmbeddedMongo second = EmbeddedMongo.start(data, 0); MongoClient client = MongoClients.create(second.uri())) {
            assertThat(client.getDatabase("contact").getCollection("contacts").find(new Document("_id", "c-1")).first())
                    .containsEntry("email", "ana@example.com");
        }
    }
}
