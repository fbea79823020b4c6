package io.handraiser.deploy;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A module that runs as a process of its own, as its own configuration describes it.
 *
 * @param module       the module's directory, which is also its name in the Compose file and in Kubernetes
 * @param port         {@code server.port} in its application.yml
 * @param onStarter    built on the service starter, so the starter's properties and defaults apply
 * @param settings     its application.yml flattened to property names, over the starter's defaults where they apply
 * @param environment  every environment variable that binds a property it has
 * @param environmentPrefixes variables that bind a map or collection, under which any further name binds
 * @param finalName    the build's final name: the runnable jar is {@code target/<finalName>-<classifier>.jar}
 */
record Deployable(String module, int port, boolean onStarter, Map<String, Object> settings, Set<String> environment,
                  Set<String> environmentPrefixes, String finalName) {

    boolean binds(String variable) {
        return environment.contains(variable) || environmentPrefixes.stream().anyMatch(prefix -> variable.startsWith(prefix + "_"));
    }

    String setting(String property) {
        Object value = settings.get(property);
        return value == null ? null : value.toString();
    }

    /**
     * The environment variable of a property in the canonical form the Boot reference gives: dots become underscores,
     * dashes go, upper case. Boot also reads a legacy form with underscores for dashes; the deployment does not use it.
     */
    static String environmentName(String property) {
        return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }
}
