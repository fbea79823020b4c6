package io.handraiser.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * infra/deploy as parsed: the Compose file, every Kubernetes manifest and the Dockerfile. Parsed afresh for each test,
 * so that a test may change them in memory to show that a check fails.
 *
 * @param directory infra/deploy
 * @param compose   compose.yaml
 * @param manifests every object of every file in k8s/, in file order
 * @param k8sFiles  the names of the files in k8s/
 */
record DeploymentFiles(Path directory, Map<String, Object> compose, List<Manifest> manifests, Set<String> k8sFiles,
                       Dockerfile dockerfile) {

    /** One object of a manifest file. */
    record Manifest(String file, Map<String, Object> object) {
        String kind() {
            return String.valueOf(object.get("kind"));
        }

        String name() {
            return String.valueOf(Yamls.map(object.get("metadata")).get("name"));
        }

        @Override
        public String toString() {
            return "k8s/" + file + " " + kind() + " " + name();
        }
    }

    /**
     * @param arguments   its ARG names
     * @param environment its ENV names and values
     * @param copySource  what the COPY of the jar copies, with ${MODULE} unexpanded
     * @param healthcheck the actuator path its HEALTHCHECK asks, or null
     */
    record Dockerfile(Set<String> arguments, Map<String, String> environment, String copySource, String healthcheck) {
    }

    static DeploymentFiles read(Path directory) throws IOException {
        Map<String, Object> compose = Yamls.map(yaml().load(Files.readString(directory.resolve("compose.yaml"))));
        List<Manifest> manifests = new ArrayList<>();
        Set<String> files = new LinkedHashSet<>();
        List<Path> paths;
        try (Stream<Path> list = Files.list(directory.resolve("k8s"))) {
            paths = list.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path path : paths) {
            files.add(path.getFileName().toString());
            for (Object document : yaml().loadAll(Files.readString(path))) {
                if (document != null) {
                    manifests.add(new Manifest(path.getFileName().toString(), Yamls.map(document)));
                }
            }
        }
        return new DeploymentFiles(directory, compose, manifests, files, dockerfile(directory.resolve("Dockerfile")));
    }

    /** A key given twice would otherwise silently take the last value: refuse it, as Compose and kubectl do. */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(options);
    }

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\\S+)");
    private static final Pattern ACTUATOR_PATH = Pattern.compile("/actuator/health[\\w/-]*");

    private static Dockerfile dockerfile(Path file) throws IOException {
        Set<String> arguments = new LinkedHashSet<>();
        Map<String, String> environment = new LinkedHashMap<>();
        String copySource = null;
        String healthcheck = null;
        for (String instruction : instructions(Files.readString(file))) {
            String[] words = instruction.split("\\s+");
            String rest = instruction.substring(words[0].length()).strip();
            switch (words[0].toUpperCase()) {
                case "ARG" -> arguments.add(rest.split("=")[0]);
                case "ENV" -> {
                    Matcher pair = ENV_PAIR.matcher(rest);
                    while (pair.find()) {
                        environment.put(pair.group(1), pair.group(2));
                    }
                }
                case "COPY" -> copySource = Stream.of(words).skip(1).filter(word -> !word.startsWith("--")).findFirst().orElse(null);
                case "HEALTHCHECK" -> {
                    Matcher path = ACTUATOR_PATH.matcher(rest);
                    healthcheck = path.find() ? path.group() : null;
                }
                default -> {
                }
            }
        }
        return new Dockerfile(arguments, environment, copySource, healthcheck);
    }

    /** Instructions with their continuation lines joined, comments left out. */
    private static List<String> instructions(String text) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = stripped.endsWith("\\");
            current.append(continues ? stripped.substring(0, stripped.length() - 1) : stripped).append(' ');
            if (!continues) {
                instructions.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return instructions;
    }
}
