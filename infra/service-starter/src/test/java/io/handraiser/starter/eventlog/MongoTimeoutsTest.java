package io.handraiser.starter.eventlog;

import com.mongodb.MongoClientSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every wait on MongoDB is bounded by default, and an operator's choice, in the connection string or in the
 * properties, wins over the default.
 */
class MongoTimeoutsTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MongoTimeoutsAutoConfiguration.class, MongoAutoConfiguration.class));

    @Test
    void everyWaitIsBoundedByDefault() {
        contexts.withPropertyValues("spring.mongodb.uri=mongodb://localhost:1").run(context -> {
            MongoClientSettings settings = settings(context);

            assertThat(settings.getClusterSettings().getServerSelectionTimeout(MILLISECONDS)).isEqualTo(2_000);
            assertThat(settings.getSocketSettings().getConnectTimeout(MILLISECONDS)).isEqualTo(5_000);
            assertThat(settings.getSocketSettings().getReadTimeout(MILLISECONDS)).isEqualTo(10_000);
            assertThat(settings.getConnectionPoolSettings().getMaxWaitTime(MILLISECONDS)).isEqualTo(10_000);
        });
    }

    @Test
    void theConnectionStringAndThePropertiesWinOverTheDefaults() {
        contexts.withPropertyValues("spring.mongodb.uri=mongodb://localhost:1/?serverSelectionTimeoutMS=30000&socketTimeoutMS=0",
                                    "handraiser.mongodb.connect=1s", "handraiser.mongodb.connection-wait=3s")
                .run(context -> {
                    MongoClientSettings settings = settings(context);

                    assertThat(settings.getClusterSettings().getServerSelectionTimeout(MILLISECONDS)).isEqualTo(30_000);
                    assertThat(settings.getSocketSettings().getReadTimeout(MILLISECONDS)).isZero();
                    assertThat(settings.getSocketSettings().getConnectTimeout(MILLISECONDS)).isEqualTo(1_000);
                    assertThat(settings.getConnectionPoolSettings().getMaxWaitTime(MILLISECONDS)).isEqualTo(3_000);
                });
    }

    /** The settings Boot builds its client from: its settings bean, through every customizer in their order. */
    private static MongoClientSettings settings(ApplicationContext context) {
        MongoClientSettings.Builder builder = MongoClientSettings.builder(context.getBean(MongoClientSettings.class));
        context.getBeanProvider(MongoClientSettingsBuilderCustomizer.class).orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }
}
