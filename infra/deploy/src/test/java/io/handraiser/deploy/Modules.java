package io.handraiser.deploy;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the deployable modules' own configuration from the working tree: poms, application.yml, Java sources. */
final class Modules {

    static final String STARTER_ARTIFACT = "handraiser-service-starter";

    private static final Pattern ENVIRONMENT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern DEFAULT_ENTRY = Pattern.compile("Map\\.entry\\(\\s*\"([^\"]+)\"\\s*,\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern PLACEHOLDER_WITH_DEFAULT = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");

    private final Path root;

    Modules(Path root) {
        this.root = root;
    }

    /** The root pom's modules that carry an application.yml: each runs as its own process. */
    List<Deployable> deployables() throws Exception {
        Starter starter = starter();
        List<Deployable> deployables = new ArrayList<>();
        for (String module : strings(pom(root.resolve("pom.xml")), "/project/modules/module")) {
            Path yml = root.resolve(module).resolve("src/main/resources/application.yml");
            if (Files.isRegularFile(yml)) {
                deployables.add(deployable(module, yml, starter));
            }
        }
        return deployables;
    }

    /** The classifier the root pom gives every runnable jar. */
    String runnableClassifier() throws Exception {
        return string(pom(root.resolve("pom.xml")),
                      "/project/build/pluginManagement/plugins/plugin[artifactId='spring-boot-maven-plugin']/configuration/classifier");
    }

    private Deployable deployable(String module, Path yml, Starter starter) throws Exception {
        Document pom = pom(root.resolve(module).resolve("pom.xml"));
        boolean onStarter = strings(pom, "/project/dependencies/dependency/artifactId").contains(STARTER_ARTIFACT);
        String text = Files.readString(yml);
        Map<String, Object> own = new LinkedHashMap<>();
        for (Object document : new Yaml().loadAll(text)) {
            flatten("", document, own);
        }

        Map<String, Object> settings = new LinkedHashMap<>();
        Set<String> environment = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        if (onStarter) {
            settings.putAll(starter.defaults());
            starter.defaults().forEach((property, value) -> {
                environment.add(Deployable.environmentName(property));
                environment.addAll(placeholders(value.toString()));
            });
            add(starter.properties(), environment, prefixes);
        }
        settings.putAll(own);
        own.forEach((property, value) -> {
            environment.add(Deployable.environmentName(property));
            if (value instanceof List<?>) {
                prefixes.add(Deployable.environmentName(property));
            }
        });
        environment.addAll(placeholders(text));
        add(BoundProperties.in(root.resolve(module).resolve("src/main/java")), environment, prefixes);

        String finalName = string(pom, "/project/build/finalName");
        return new Deployable(module, port(module, settings.get("server.port")), onStarter, settings, Set.copyOf(environment),
                              Set.copyOf(prefixes), finalName.isEmpty() ? null : finalName);
    }

    private static int port(String module, Object configured) {
        if (configured == null) {
            throw new IllegalStateException(module + " sets no server.port in its application.yml");
        }
        String value = configured.toString();
        Matcher placeholder = PLACEHOLDER_WITH_DEFAULT.matcher(value);
        return Integer.parseInt(placeholder.matches() ? placeholder.group(1) : value);
    }

    private static void add(List<BoundProperties.Property> properties, Set<String> environment, Set<String> prefixes) {
        for (BoundProperties.Property property : properties) {
            environment.add(Deployable.environmentName(property.name()));
            if (property.container()) {
                prefixes.add(Deployable.environmentName(property.name()));
            }
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new HashSet<>();
        Matcher matcher = ENVIRONMENT_PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, nested, out));
        } else if (!prefix.isEmpty()) {
            out.put(prefix, value);
        }
    }

    /** The service starter: its properties records and the defaults its environment post-processors add. */
    private record Starter(List<BoundProperties.Property> properties, Map<String, Object> defaults) {
    }

    private Starter starter() throws Exception {
        for (String module : strings(pom(root.resolve("pom.xml")), "/project/modules/module")) {
            Path directory = root.resolve(module);
            if (STARTER_ARTIFACT.equals(string(pom(directory.resolve("pom.xml")), "/project/artifactId"))) {
                return new Starter(BoundProperties.in(directory.resolve("src/main/java")), starterDefaults(directory));
            }
        }
        throw new IllegalStateException("no module of the root pom is " + STARTER_ARTIFACT);
    }

    /** The Map.entry defaults of the EnvironmentPostProcessors the starter registers in spring.factories. */
    private static Map<String, Object> starterDefaults(Path starter) throws IOException {
        Properties factories = new Properties();
        try (var in = Files.newInputStream(starter.resolve("src/main/resources/META-INF/spring.factories"))) {
            factories.load(in);
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (String type : factories.getProperty("org.springframework.boot.EnvironmentPostProcessor", "").split(",")) {
            Path source = starter.resolve("src/main/java").resolve(type.strip().replace('.', '/') + ".java");
            Matcher entry = DEFAULT_ENTRY.matcher(Files.readString(source));
            while (entry.find()) {
                defaults.put(entry.group(1), entry.group(2));
            }
        }
        return defaults;
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> strings(Document document, String path) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, document, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().strip());
        }
        return values;
    }

    private static String string(Document document, String path) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(path, document).strip();
    }
}
