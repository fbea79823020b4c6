package io.handraiser.gateway.access;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides every request against {@link AccessProperties}: the one place that says which role may call which
 * endpoint. It also explains a refusal, so a 403 names the roles that would have been let in.
 */
public final class AccessTable implements ReactiveAuthorizationManager<AuthorizationContext> {

    private final List<CompiledRule> rules;

    public AccessTable(AccessProperties properties) {
        this.rules = properties.rules().stream().map(AccessTable::compile).toList();
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        Optional<CompiledRule> rule = ruleFor(context.getExchange());
        if (rule.isEmpty()) {
            return Mono.just(new AuthorizationDecision(false));
        }
        if (rule.get().open()) {
            return Mono.just(new AuthorizationDecision(true));
        }
        return authentication.filter(Authentication::isAuthenticated)
                             .<AuthorizationResult>map(caller -> new AuthorizationDecision(holdsAnyOf(caller, rule.get().roles())))
                             .defaultIfEmpty(new AuthorizationDecision(false));
    }

    /** The roles that may make this request; empty when no rule admits it at all. */
    public List<String> rolesAllowed(ServerWebExchange exchange) {
        return ruleFor(exchange).map(CompiledRule::roles).orElse(List.of());
    }

    private Optional<CompiledRule> ruleFor(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        return rules.stream().filter(rule -> rule.matches(method, path)).findFirst();
    }

    private static boolean holdsAnyOf(Authentication caller, List<String> roles) {
        Set<String> held = new HashSet<>();
        for (GrantedAuthority authority : caller.getAuthorities()) {
            held.add(authority.getAuthority());
        }
        return roles.stream().anyMatch(role -> held.contains("ROLE_" + role));
    }

    private static CompiledRule compile(AccessProperties.Rule rule) {
        if (rule.paths().isEmpty()) {
            throw new IllegalStateException("an access rule without paths: " + rule);
        }
        if (rule.open() == !rule.roles().isEmpty()) {
            throw new IllegalStateException("an access rule is either open or names roles, not both or neither: " + rule);
        }
        for (String role : rule.roles()) {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalStateException("unknown role '" + role + "' in access rule " + rule + "; roles are " + Roles.ALL);
            }
        }
        List<PathPattern> patterns = rule.paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        return new CompiledRule(Set.copyOf(rule.methods()), patterns, rule.roles(), rule.open());
    }

    private record CompiledRule(Set<HttpMethod> methods, List<PathPattern> paths, List<String> roles, boolean open) {

        boolean matches(HttpMethod method, PathContainer path) {
            return (methods.isEmpty() || methods.contains(method)) && paths.stream().anyMatch(pattern -> pattern.matches(path));
        }
    }
}
