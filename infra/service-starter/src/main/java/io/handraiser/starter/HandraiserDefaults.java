package io.handraiser.starter;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Settings every service needs and none should have to remember. Added last, so a service's own
 * application.yml, the environment and the command line all override them.
 */
public class HandraiserDefaults implements EnvironmentPostProcessor {

    private static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("axon.axonserver.enabled", "false"),
            Map.entry("axon.update-check.disabled", "true"),
            Map.entry("axon.metrics.micrometer.dimensional", "true"),
            // Boot's check sends `hello`, which the embedded server does not know; ours pings instead
            Map.entry("management.health.mongodb.enabled", "false"),
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus,metrics"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("spring.mongodb.uri", "${MONGODB_URI:mongodb://localhost:27017}"),
            Map.entry("server.shutdown", "graceful"),
            // the repository warns with a stack trace of every aggregate it could not load, then throws to the
            // command's sender, which answers it (an unknown id is a 404) or logs it: the warning only doubles that,
            // and made up most of a service's log under hostile traffic
            Map.entry("logging.level.org.axonframework.modelling.command.AbstractRepository", "ERROR"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("handraiserDefaults", DEFAULTS));
    }
}
