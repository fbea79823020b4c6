package io.handraiser.deploy;

import io.handraiser.deploy.DeploymentFiles.Manifest;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.handraiser.deploy.Deployable.environmentName;
import static io.handraiser.deploy.Yamls.at;
import static io.handraiser.deploy.Yamls.describe;
import static io.handraiser.deploy.Yamls.list;
import static io.handraiser.deploy.Yamls.map;
import static io.handraiser.deploy.Yamls.string;

/**
 * Holds the Compose file, the manifests and the Dockerfile to the modules' own configuration. Each check returns what
 * it found wrong, one sentence per problem, so that a test can also show that a check fails.
 */
final class DeploymentChecks {

    static final String GATEWAY = "gateway";
    static final String IMAGE_REPOSITORY = "handraiser/";
    /** Every image's tag is the release of the version being built. */
    static final String SNAPSHOT = "-SNAPSHOT";
    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";
    /** Applied by hand, never by the kustomization, so that re-applying cannot overwrite the real values. */
    static final String SECRET_FILE = "secret.yaml";

    /**
     * Boot's own properties that the deployment sets: the gateway's dev profile in Compose, the probe groups in the
     * image (the gateway is not on the starter), forwarded headers behind the Kubernetes Ingress.
     * {@code bootPropertiesExist} checks them against the configuration metadata of the Boot in use.
     */
    static final Set<String> BOOT_PROPERTIES = Set.of("spring.profiles.active", "management.endpoint.health.probes.enabled",
                                                      "server.forward-headers-strategy");

    /** The starter's default MongoDB is localhost, which in a container is nobody. */
    static final String MONGODB_URI = "MONGODB_URI";
    /** Without one of them a process validates tokens with the development secret everyone knows. */
    static final List<String> TOKEN_SETTINGS = Stream.of("handraiser.security.jwt.secret", "handraiser.security.jwt.issuer-uri",
                                                         "handraiser.security.jwt.jwk-set-uri")
                                                     .map(Deployable::environmentName).toList();
    /** One MongoDB, one event log, one key store, and tokens every process accepts: these must agree everywhere. */
    static final List<String> SHARED = Stream.concat(Stream.of(MONGODB_URI, environmentName("handraiser.event-log.database"),
                                                               environmentName("handraiser.personal-data.key-database")),
                                                     TOKEN_SETTINGS.stream()).toList();

    private final List<Deployable> deployables;
    private final DeploymentFiles files;
    private final String version;
    private final String classifier;
    private final Path root;

    DeploymentChecks(List<Deployable> deployables, DeploymentFiles files, String version, String classifier, Path root) {
        this.deployables = deployables;
        this.files = files;
        this.version = version;
        this.classifier = classifier;
        this.root = root;
    }

    String image(Deployable deployable) {
        return IMAGE_REPOSITORY + deployable.module() + ":" + version.replace(SNAPSHOT, "");
    }

    // ---- the image

    List<String> dockerfile() {
        List<String> problems = new ArrayList<>();
        DeploymentFiles.Dockerfile dockerfile = files.dockerfile();
        for (Deployable deployable : deployables) {
            String copied = Objects.toString(dockerfile.copySource(), "").replace("${MODULE}", deployable.module());
            String built = deployable.module() + "/target/" + deployable.finalName() + "-" + classifier + ".jar";
            if (!copied.equals(built)) {
                problems.add("the Dockerfile copies " + copied + " for " + deployable.module() + ", whose build makes " + built);
            }
            for (String variable : dockerfile.environment().keySet()) {
                if (!deployable.binds(variable) && !isBootProperty(variable)) {
                    problems.add("the Dockerfile sets " + variable + ", which binds no property of " + deployable.module());
                }
            }
            String health = dockerfile.healthcheck();
            if (health == null || !healthGroups(deployable, dockerfile.environment()).contains(health)) {
                problems.add("the Dockerfile's healthcheck asks " + health + ", not a health group " + deployable.module() + " serves");
            }
        }
        return problems;
    }

    // ---- Compose

    List<String> compose() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(files.compose().get("services"));
        Path dockerfile = files.directory().resolve("Dockerfile").normalize();
        for (Deployable deployable : deployables) {
            String module = deployable.module();
            List<String> building = services.entrySet().stream()
                                            .filter(service -> module.equals(string(at(service.getValue(), "build", "args", "MODULE"))))
                                            .map(Map.Entry::getKey).toList();
            if (!building.equals(List.of(module))) {
                problems.add("compose.yaml must build " + module + " once, as the service " + module + " (its name is its host "
                             + "name); found " + building);
                continue;
            }
            Object service = services.get(module);
            Map<String, Object> build = map(at(service, "build"));
            Path context = files.directory().resolve(Objects.toString(build.get("context"), ".")).normalize();
            if (!context.resolve(Objects.toString(build.get("dockerfile"), "Dockerfile")).normalize().equals(dockerfile)) {
                problems.add("compose.yaml builds " + module + " from another Dockerfile than infra/deploy/Dockerfile");
            }
            if (!context.equals(root.normalize())) {
                problems.add("compose.yaml builds " + module + " in " + context + "; the Dockerfile copies from the repository root");
            }
            for (String argument : map(build.get("args")).keySet()) {
                if (!files.dockerfile().arguments().contains(argument)) {
                    problems.add("compose.yaml passes " + argument + " to " + module + "'s build, which the Dockerfile does not declare");
                }
            }
            String port = string(map(build.get("args")).get("PORT"));
            if (!String.valueOf(deployable.port()).equals(port)) {
                problems.add("compose.yaml builds " + module + " for port " + port + ", its application.yml says " + deployable.port());
            }
            if (!image(deployable).equals(string(at(service, "image")))) {
                problems.add("compose.yaml names " + module + "'s image " + string(at(service, "image")) + ", not " + image(deployable));
            }
            problems.addAll(environment("compose.yaml " + module, deployable, composeEnvironment(service)));
        }
        services.forEach((name, service) -> {
            List<String> published = list(at(service, "ports")).stream().map(DeploymentChecks::containerPort).toList();
            if (name.equals(GATEWAY)) {
                String gatewayPort = deployable(GATEWAY).map(gateway -> String.valueOf(gateway.port())).orElse("?");
                if (!published.equals(List.of(gatewayPort))) {
                    problems.add("compose.yaml must publish the gateway's port " + gatewayPort + " alone; it publishes " + published);
                }
            } else if (!published.isEmpty()) {
                problems.add("compose.yaml publishes " + published + " of " + name + ": only the gateway faces clients");
            }
        });
        Map<String, Map<String, Object>> environments = new LinkedHashMap<>();
        deployables.forEach(deployable -> environments.put(deployable.module(), composeEnvironment(services.get(deployable.module()))));
        problems.addAll(gatewayLocations("compose.yaml", environments, (module, port) -> services.containsKey(module)));
        problems.addAll(shared("compose.yaml", environments));
        problems.addAll(replicaSet(services, environments));
        return problems;
    }

    private static Map<String, Object> composeEnvironment(Object service) {
        Object environment = at(service, "environment");
        if (environment instanceof List<?> entries) {
            Map<String, Object> variables = new LinkedHashMap<>();
            entries.forEach(entry -> {
                String[] pair = String.valueOf(entry).split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : null);
            });
            return variables;
        }
        return map(environment);
    }

    /** "8080:8080", "127.0.0.1:8080:8080/tcp" or {target: 8080, published: 8080}: the container's side. */
    private static String containerPort(Object port) {
        if (port instanceof Map<?, ?> longSyntax) {
            return String.valueOf(longSyntax.get("target"));
        }
        String text = String.valueOf(port).replace("/tcp", "");
        return text.substring(text.lastIndexOf(':') + 1);
    }

    /** The URI's hosts are Compose services running mongod in the replica set the URI names. */
    private List<String> replicaSet(Map<String, Object> services, Map<String, Map<String, Object>> environments) {
        List<String> problems = new ArrayList<>();
        environments.forEach((module, environment) -> {
            String uri = string(environment.get(MONGODB_URI));
            if (uri == null || uri.startsWith("${")) {
                return;
            }
            String authority = uri.replaceFirst("^mongodb://", "").replaceFirst("/.*$", "");
            String replicaSet = Arrays.stream(uri.replaceFirst("^[^?]*\\??", "").split("&"))
                                      .filter(parameter -> parameter.startsWith("replicaSet="))
                                      .map(parameter -> parameter.substring("replicaSet=".length())).findFirst().orElse(null);
            if (replicaSet == null) {
                problems.add("compose.yaml gives " + module + " a MongoDB URI without replicaSet: " + uri);
            }
            for (String host : authority.split(",")) {
                String name = host.replaceFirst(":.*$", "");
                List<String> command = commandOf(services.get(name));
                int flag = command.indexOf("--replSet");
                if (flag < 0 || flag + 1 >= command.size() || !command.get(flag + 1).equals(replicaSet)) {
                    problems.add("compose.yaml gives " + module + " the MongoDB host " + name
                                 + ", which is no service running mongod --replSet " + replicaSet);
                }
            }
        });
        return problems;
    }

    private static List<String> commandOf(Object service) {
        Object command = at(service, "command");
        if (command instanceof List<?> words) {
            return words.stream().map(String::valueOf).toList();
        }
        return command == null ? List.of() : Arrays.asList(String.valueOf(command).split("\\s+"));
    }

    // ---- Kubernetes

    List<String> kubernetes() {
        List<String> problems = new ArrayList<>();
        problems.addAll(objects());
        Map<String, Map<String, Object>> environments = new LinkedHashMap<>();
        for (Deployable deployable : deployables) {
            String module = deployable.module();
            List<Manifest> deployments = named("Deployment", module);
            List<Manifest> services = named("Service", module);
            if (deployments.size() != 1 || services.size() != 1) {
                problems.add("k8s/ must hold one Deployment and one Service named " + module + "; found "
                             + deployments.size() + " and " + services.size());
                continue;
            }
            Map<String, Object> deployment = deployments.get(0).object();
            List<Object> containers = list(at(deployment, "spec", "template", "spec", "containers"));
            if (containers.size() != 1) {
                problems.add(deployments.get(0) + " must run one container, runs " + containers.size());
                continue;
            }
            Object container = containers.get(0);
            Map<String, Object> podLabels = map(at(deployment, "spec", "template", "metadata", "labels"));
            if (!matches(map(at(deployment, "spec", "selector", "matchLabels")), podLabels)) {
                problems.add(deployments.get(0) + " selects other pods than its template labels");
            }
            if (!image(deployable).equals(string(at(container, "image")))) {
                problems.add(deployments.get(0) + " runs the image " + string(at(container, "image")) + ", not " + image(deployable));
            }
            List<Object> ports = list(at(container, "ports"));
            boolean listens = ports.stream().anyMatch(port -> String.valueOf(deployable.port()).equals(string(at(port, "containerPort"))));
            if (ports.size() != 1 || !listens) {
                problems.add(deployments.get(0) + " declares the container ports " + ports.stream().map(port -> at(port, "containerPort")).toList()
                             + "; " + module + " listens on " + deployable.port() + " alone (application.yml)");
            }
            problems.addAll(probes(deployments.get(0), deployable, container));
            problems.addAll(resources(deployments.get(0), container));
            problems.addAll(service(services.get(0), deployable, podLabels, container));
            Map<String, Object> environment = podEnvironment(deployments.get(0), container, problems);
            environments.put(module, environment);
            problems.addAll(environment(deployments.get(0).toString(), deployable, environment));
        }
        for (Manifest deployment : kind("Deployment")) {
            if (deployable(deployment.name()).isEmpty()) {
                problems.add(deployment + " runs no module of the build");
            }
        }
        problems.addAll(autoscalers());
        problems.addAll(gatewayLocations("k8s/", environments, this::serviceExposes));
        problems.addAll(shared("k8s/", environments));
        return problems;
    }

    /** Every object is namespaced into a Namespace of k8s/; the kustomization lists every file but the Secret's. */
    private List<String> objects() {
        List<String> problems = new ArrayList<>();
        Set<String> namespaces = kind("Namespace").stream().map(Manifest::name).collect(Collectors.toSet());
        for (Manifest manifest : files.manifests()) {
            if (manifest.kind().equals("Namespace") || manifest.kind().equals("Kustomization")) {
                continue;
            }
            String namespace = string(at(manifest.object(), "metadata", "namespace"));
            if (!namespaces.contains(namespace)) {
                problems.add(manifest + " is in the namespace " + namespace + ", which k8s/ does not create");
            }
        }
        List<Manifest> kustomizations = kind("Kustomization");
        Set<String> expected = new TreeSet<>(files.k8sFiles());
        expected.remove(SECRET_FILE);
        kustomizations.forEach(kustomization -> expected.remove(kustomization.file()));
        if (kustomizations.size() != 1) {
            problems.add("k8s/ must hold one kustomization, holds " + kustomizations.size());
        } else {
            Set<String> listed = list(kustomizations.get(0).object().get("resources")).stream().map(String::valueOf)
                                                                                     .collect(Collectors.toCollection(TreeSet::new));
            if (!listed.equals(expected)) {
                problems.add("the kustomization lists " + listed + "; k8s/ holds " + expected + " besides " + SECRET_FILE);
            }
        }
        return problems;
    }

    private List<String> probes(Manifest deployment, Deployable deployable, Object container) {
        List<String> problems = new ArrayList<>();
        Set<String> groups = healthGroups(deployable, files.dockerfile().environment());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("livenessProbe", LIVENESS);
        expected.put("readinessProbe", READINESS);
        expected.put("startupProbe", null);
        expected.forEach((probe, path) -> {
            Object get = at(container, probe, "httpGet");
            if (get == null && path == null) {
                return;
            }
            String asked = string(at(get, "path"));
            if (asked == null) {
                problems.add(deployment + " has no " + probe + " on " + path);
                return;
            }
            if (path != null && !path.equals(asked)) {
                problems.add(deployment + "'s " + probe + " asks " + asked + ", not " + path);
            } else if (!groups.contains(asked)) {
                problems.add(deployment + "'s " + probe + " asks " + asked + ", which " + deployable.module()
                             + " does not serve; it serves " + groups);
            }
            if (!targetsContainerPort(at(get, "port"), container, deployable)) {
                problems.add(deployment + "'s " + probe + " asks port " + at(get, "port") + ", not " + deployable.port());
            }
        });
        return problems;
    }

    /**
     * The health paths a process serves: the endpoint if exposed, and the probe groups if enabled by its own
     * configuration (the starter does it for the services) or by the image.
     */
    private static Set<String> healthGroups(Deployable deployable, Map<String, String> imageEnvironment) {
        String exposed = Objects.toString(deployable.setting("management.endpoints.web.exposure.include"), "");
        if (Arrays.stream(exposed.split(",")).map(String::strip).noneMatch(endpoint -> endpoint.equals("health") || endpoint.equals("*"))) {
            return Set.of();
        }
        String probes = environmentName("management.endpoint.health.probes.enabled");
        boolean enabled = "true".equals(deployable.setting("management.endpoint.health.probes.enabled"))
                          || "true".equals(imageEnvironment.get(probes));
        return enabled ? Set.of("/actuator/health", LIVENESS, READINESS) : Set.of("/actuator/health");
    }

    private static boolean targetsContainerPort(Object port, Object container, Deployable deployable) {
        return list(at(container, "ports")).stream()
                                           .filter(declared -> String.valueOf(deployable.port()).equals(string(at(declared, "containerPort"))))
                                           .anyMatch(declared -> String.valueOf(port).equals(string(at(declared, "containerPort")))
                                                                 || String.valueOf(port).equals(string(at(declared, "name"))));
    }

    /** The autoscaler's CPU target is a share of the request, and the limit is what the heap is sized from. */
    private static List<String> resources(Manifest deployment, Object container) {
        List<String> problems = new ArrayList<>();
        for (String[] required : List.of(new String[]{"requests", "cpu"}, new String[]{"requests", "memory"}, new String[]{"limits", "memory"})) {
            if (at(container, "resources", required[0], required[1]) == null) {
                problems.add(deployment + " sets no resources." + required[0] + "." + required[1]);
            }
        }
        return problems;
    }

    private List<String> service(Manifest service, Deployable deployable, Map<String, Object> podLabels, Object container) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> selector = map(at(service.object(), "spec", "selector"));
        if (selector.isEmpty() || !matches(selector, podLabels)) {
            problems.add(service + " selects " + selector + ", not the pods of the Deployment " + deployable.module());
        }
        boolean reaches = list(at(service.object(), "spec", "ports")).stream().anyMatch(
                port -> String.valueOf(deployable.port()).equals(string(at(port, "port")))
                        && targetsContainerPort(at(port, "targetPort"), container, deployable));
        if (!reaches) {
            problems.add(service + " does not expose port " + deployable.port() + " on the container's port");
        }
        return problems;
    }

    private boolean serviceExposes(String module, int port) {
        return named("Service", module).stream().anyMatch(
                service -> list(at(service.object(), "spec", "ports")).stream().anyMatch(declared -> String.valueOf(port).equals(string(at(declared, "port")))));
    }

    private List<String> autoscalers() {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> scaled = new HashMap<>();
        for (Manifest autoscaler : kind("HorizontalPodAutoscaler")) {
            Map<String, Object> spec = map(autoscaler.object().get("spec"));
            if (!"autoscaling/v2".equals(autoscaler.object().get("apiVersion"))) {
                problems.add(autoscaler + " is " + autoscaler.object().get("apiVersion") + ", not autoscaling/v2");
            }
            Map<String, Object> target = map(spec.get("scaleTargetRef"));
            String name = string(target.get("name"));
            if (!"Deployment".equals(target.get("kind")) || !"apps/v1".equals(target.get("apiVersion")) || named("Deployment", name).isEmpty()) {
                problems.add(autoscaler + " scales " + target + ", which is no Deployment in k8s/");
            }
            scaled.merge(Objects.toString(name), 1, Integer::sum);
            Object min = spec.get("minReplicas");
            Object max = spec.get("maxReplicas");
            if (!(min instanceof Integer low) || !(max instanceof Integer high) || low < 1 || low > high) {
                problems.add(autoscaler + " scales between " + min + " and " + max);
            }
        }
        for (Deployable deployable : deployables) {
            if (scaled.getOrDefault(deployable.module(), 0) != 1) {
                problems.add("k8s/ must hold one HorizontalPodAutoscaler of " + deployable.module() + ", holds "
                             + scaled.getOrDefault(deployable.module(), 0));
            }
        }
        return problems;
    }

    /** The container's variables by name, each described by where its value comes from; references must resolve. */
    private Map<String, Object> podEnvironment(Manifest deployment, Object container, List<String> problems) {
        Map<String, Object> environment = new LinkedHashMap<>();
        for (Object source : list(at(container, "envFrom"))) {
            Object configMap = at(source, "configMapRef", "name");
            Optional<Manifest> found = named("ConfigMap", string(configMap)).stream().findFirst();
            if (configMap == null || found.isEmpty()) {
                problems.add(deployment + " takes its environment from " + describe(source) + ", which k8s/ does not define");
            } else {
                environment.putAll(map(found.get().object().get("data")));
            }
        }
        for (Object variable : list(at(container, "env"))) {
            Object value = map(variable).containsKey("value") ? at(variable, "value") : describe(at(variable, "valueFrom"));
            environment.put(string(at(variable, "name")), value);
            Object secret = at(variable, "valueFrom", "secretKeyRef");
            Object configMap = at(variable, "valueFrom", "configMapKeyRef");
            if (secret != null && !hasKey(secretObjects(), secret)) {
                problems.add(deployment + " reads " + describe(secret) + ", which " + SECRET_FILE + " does not define");
            }
            if (configMap != null && !hasKey(kind("ConfigMap"), configMap)) {
                problems.add(deployment + " reads " + describe(configMap) + ", which k8s/ does not define");
            }
        }
        return environment;
    }

    private List<Manifest> secretObjects() {
        return kind("Secret").stream().filter(secret -> secret.file().equals(SECRET_FILE)).toList();
    }

    private static boolean hasKey(List<Manifest> objects, Object reference) {
        String name = string(at(reference, "name"));
        String key = string(at(reference, "key"));
        return objects.stream().filter(object -> object.name().equals(name))
                      .anyMatch(object -> map(object.object().get("data")).containsKey(key)
                                          || map(object.object().get("stringData")).containsKey(key));
    }

    // ---- shared by Compose and Kubernetes

    /** Every variable binds a property of the process it is given to. */
    private List<String> environment(String where, Deployable deployable, Map<String, Object> environment) {
        List<String> problems = new ArrayList<>();
        for (String variable : environment.keySet()) {
            if (!deployable.binds(variable) && !isBootProperty(variable)) {
                problems.add(where + " sets " + variable + ", which binds no property of " + deployable.module());
            }
        }
        if (deployable.onStarter() && !environment.containsKey(MONGODB_URI)) {
            problems.add(where + " sets no " + MONGODB_URI + ": the service would look for MongoDB on localhost");
        }
        if (TOKEN_SETTINGS.stream().noneMatch(environment::containsKey)) {
            problems.add(where + " sets none of " + TOKEN_SETTINGS + ": tokens would be checked with the development secret");
        }
        return problems;
    }

    private static boolean isBootProperty(String variable) {
        return BOOT_PROPERTIES.stream().map(Deployable::environmentName).anyMatch(variable::equals);
    }

    /**
     * Each service location the gateway's application.yml gives as a URL (localhost for the launcher) must be set,
     * to the name and port of the module that listens on that port.
     */
    private List<String> gatewayLocations(String where, Map<String, Map<String, Object>> environments, Exposes exposes) {
        List<String> problems = new ArrayList<>();
        Optional<Deployable> gateway = deployable(GATEWAY);
        if (gateway.isEmpty()) {
            return List.of("no module is named " + GATEWAY);
        }
        Map<Integer, Deployable> byPort = deployables.stream().collect(Collectors.toMap(Deployable::port, Function.identity()));
        Map<String, Object> environment = environments.getOrDefault(GATEWAY, Map.of());
        gateway.get().settings().forEach((property, value) -> {
            if (!property.startsWith("handraiser.services.") || !String.valueOf(value).startsWith("http")) {
                return;
            }
            int port = URI.create(String.valueOf(value)).getPort();
            Deployable target = byPort.get(port);
            String variable = environmentName(property);
            if (target == null) {
                problems.add("the gateway's " + property + " defaults to " + value + ", a port no module listens on");
                return;
            }
            String expected = "http://" + target.module() + ":" + target.port();
            if (!expected.equals(string(environment.get(variable)))) {
                problems.add(where + " gives the gateway " + variable + "=" + environment.get(variable) + "; " + target.module()
                             + " answers at " + expected);
            } else if (!exposes.exposes(target.module(), target.port())) {
                problems.add(where + " has no " + target.module() + " answering on " + target.port() + " for the gateway");
            }
        });
        return problems;
    }

    @FunctionalInterface
    private interface Exposes {
        boolean exposes(String module, int port);
    }

    private List<String> shared(String where, Map<String, Map<String, Object>> environments) {
        List<String> problems = new ArrayList<>();
        for (String variable : SHARED) {
            Map<String, String> values = new LinkedHashMap<>();
            environments.forEach((module, environment) -> {
                if (environment.containsKey(variable)) {
                    values.put(module, describe(environment.get(variable)));
                }
            });
            if (values.values().stream().distinct().count() > 1) {
                problems.add(where + " gives the processes different " + variable + ": " + values);
            }
        }
        return problems;
    }

    // ---- lookups

    private Optional<Deployable> deployable(String module) {
        return deployables.stream().filter(deployable -> deployable.module().equals(module)).findFirst();
    }

    private List<Manifest> kind(String kind) {
        return files.manifests().stream().filter(manifest -> manifest.kind().equals(kind)).toList();
    }

    private List<Manifest> named(String kind, String name) {
        return kind(kind).stream().filter(manifest -> manifest.name().equals(name)).toList();
    }

    private static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(entry -> Objects.equals(entry.getValue(), labels.get(entry.getKey())));
    }
}
