package io.handraiser.testsupport;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestMongoTest {

    @Test
    void givesEveryTestItsOwnDatabaseOnOneSharedServer() {
        var first = TestMongo.freshDatabase("support");
        var second = TestMongo.freshDatabase("support");
        first.getCollection("things").insertOne(new Document("_id", 1));

        assertThat(first.getName()).isNotEqualTo(second.getName());
        assertThat(second.getCollection("things").countDocuments()).isZero();
        assertThat(first.getCollection("things").countDocuments()).isEqualTo(1);
    }

    @Test
    void uriWithFreshDatabaseNamesTheDatabaseAndKeepsTheServer() {
        String uri = TestMongo.uriWithFreshDatabase("support");

        assertThat(uri).startsWith(TestMongo.uri().split("\\?")[0].replaceFirst("/[^/]*$", "").replaceFirst("/$", ""));
        assertThat(new com.mongodb.ConnectionString(uri).getDatabase()).startsWith("support_");
    }
}
