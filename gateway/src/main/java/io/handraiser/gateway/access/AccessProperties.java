package io.handraiser.gateway.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * Who may call what through the gateway: the role table of the README, kept next to the routes in
 * {@code application.yml}. The first rule whose method and path match decides; a request no rule matches is refused,
 * so a new endpoint is closed until someone writes down who may use it.
 *
 * @param rules in the order they are tried
 */
@ConfigurationProperties("handraiser.gateway.access")
public record AccessProperties(List<Rule> rules) {

    public AccessProperties {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * @param methods the HTTP methods it covers; empty for every method
     * @param paths   path patterns ({@code /api/contacts/*}, {@code /api/scores/**})
     * @param roles   roles of which the token must carry at least one
     * @param open    true for paths that need no token at all: health, API docs, and webhooks that the service
     *                authenticates by signature
     */
    public record Rule(List<HttpMethod> methods, List<String> paths, List<String> roles, boolean open) {

        public Rule {
            methods = methods == null ? List.of() : List.copyOf(methods);
            paths = paths == null ? List.of() : List.copyOf(paths);
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
