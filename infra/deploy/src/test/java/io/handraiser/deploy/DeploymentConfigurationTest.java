package io.handraiser.deploy;

import io.handraiser.deploy.DeploymentFiles.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.handraiser.deploy.Yamls.at;
import static io.handraiser.deploy.Yamls.list;
import static io.handraiser.deploy.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Compose file and the Kubernetes manifests cannot be run here (no container engine); this holds them to what
 * can be checked: each deployable module appears once, with its image, its port from its own application.yml, the
 * gateway's routes to the right names and ports, probes on health groups the process serves, autoscalers on
 * existing Deployments, and only environment variables that bind one of the process's properties. The last group
 * of tests breaks one thing at a time in memory, to show that the checks catch it.
 */
class DeploymentConfigurationTest {

    private static final Path ROOT = Path.of(System.getProperty("handraiser.root", "../..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("handraiser.version", "");

    private static List<Deployable> deployables;
    private static String classifier;

    @BeforeAll
    static void readModules() throws Exception {
        Modules modules = new Modules(ROOT);
        deployables = modules.deployables();
        classifier = modules.runnableClassifier();
    }

    private static DeploymentChecks checks() throws IOException {
        return checks(deployables, DeploymentFiles.read(ROOT.resolve("infra/deploy")));
    }

    private static DeploymentChecks checks(List<Deployable> modules, DeploymentFiles files) {
        return new DeploymentChecks(modules, files, VERSION, classifier, ROOT);
    }

    @Test
    void readsTheModulesConfiguration() {
        // without this, a wrong root would leave every other check with nothing to find wrong
        assertThat(VERSION).isNotEmpty();
        assertThat(deployables).extracting(Deployable::module)
                               .contains(DeploymentChecks.GATEWAY, "contact-service", "scoring-service", "handoff-service", "reporting-service");
        assertThat(deployables).filteredOn(Deployable::onStarter).isNotEmpty().allSatisfy(service -> {
            assertThat(service.binds("HANDRAISER_EVENTLOG_DATABASE")).isTrue();
            assertThat(service.binds("MONGODB_URI")).isTrue();
            assertThat(service.binds("HANDRAISER_EVENTLOG_DB")).isFalse();
        });
        Deployable gateway = deployables.stream().filter(deployable -> deployable.module().equals(DeploymentChecks.GATEWAY)).findFirst().orElseThrow();
        assertThat(gateway.onStarter()).isFalse();
        assertThat(gateway.binds("HANDRAISER_SERVICES_CONTACT")).isTrue();
        assertThat(gateway.binds("HANDRAISER_GATEWAY_LIMITS_RATE_REFILLPERSECOND")).isTrue();
        assertThat(gateway.binds("MONGODB_URI")).isFalse();
        assertThat(classifier).isNotEmpty();
    }

    @Test
    void theBootPropertiesTheDeploymentSetsExistInThisBoot() throws IOException {
        List<String> metadata = new ArrayList<>();
        for (URL resource : Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = resource.openStream()) {
                metadata.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        for (String property : DeploymentChecks.BOOT_PROPERTIES) {
            Pattern declared = Pattern.compile("\"name\"\\s*:\\s*\"" + Pattern.quote(property) + "\"");
            assertThat(metadata).as(property).anyMatch(text -> declared.matcher(text).find());
        }
    }

    @Test
    void theImageFitsEveryModule() throws IOException {
        assertThat(checks().dockerfile()).isEmpty();
    }

    @Test
    void composeFitsTheModules() throws IOException {
        assertThat(checks().compose()).isEmpty();
    }

    @Test
    void kubernetesFitsTheModules() throws IOException {
        assertThat(checks().kubernetes()).isEmpty();
    }

    // ---- each check fails when one thing changes in one place

    @Test
    void aPortChangedInAServicesApplicationYmlAloneIsCaught() throws IOException {
        List<Deployable> moved = deployables.stream().map(deployable -> deployable.module().equals("scoring-service")
                ? new Deployable(deployable.module(), 9082, deployable.onStarter(), deployable.settings(), deployable.environment(),
                                 deployable.environmentPrefixes(), deployable.finalName())
                : deployable).toList();
        DeploymentChecks checks = checks(moved, DeploymentFiles.read(ROOT.resolve("infra/deploy")));

        assertThat(checks.compose()).anyMatch(problem -> problem.contains("scoring-service for port 8082") && problem.contains("9082"));
        assertThat(checks.kubernetes()).anyMatch(problem -> problem.contains("Deployment scoring-service declares the container ports [8082]"))
                                       .anyMatch(problem -> problem.contains("Service scoring-service does not expose port 9082"));
    }

    @Test
    void aPortChangedInComposeAloneIsCaught() throws IOException {
        DeploymentFiles files = DeploymentFiles.read(ROOT.resolve("infra/deploy"));
        map(at(files.compose(), "services", "contact-service", "build", "args")).put("PORT", "9081");

        assertThat(checks(deployables, files).compose()).containsExactly(
                "compose.yaml builds contact-service for port 9081, its application.yml says 8081");
    }

    @Test
    void aContainerPortChangedInKubernetesAloneIsCaught() throws IOException {
        DeploymentFiles files = DeploymentFiles.read(ROOT.resolve("infra/deploy"));
        map(list(at(container(files, "handoff-service"), "ports")).get(0)).put("containerPort", 8093);

        assertThat(checks(deployables, files).kubernetes())
                .anyMatch(problem -> problem.contains("Deployment handoff-service declares the container ports [8093]"))
                .anyMatch(problem -> problem.contains("Service handoff-service does not expose port 8083"));
    }

    @Test
    void aGatewayLocationOfTheWrongServiceIsCaught() throws IOException {
        DeploymentFiles files = DeploymentFiles.read(ROOT.resolve("infra/deploy"));
        map(at(files.compose(), "services", "gateway", "environment")).put("HANDRAISER_SERVICES_SCORING", "http://handoff-service:8083");
        for (Object variable : list(at(container(files, "gateway"), "env"))) {
            if ("HANDRAISER_SERVICES_REPORTING".equals(at(variable, "name"))) {
                map(variable).put("value", "http://reporting:8084");
            }
        }
        DeploymentChecks checks = checks(deployables, files);

        assertThat(checks.compose()).containsExactly("compose.yaml gives the gateway HANDRAISER_SERVICES_SCORING=http://handoff-service:8083; "
                                                     + "scoring-service answers at http://scoring-service:8082");
        assertThat(checks.kubernetes()).containsExactly("k8s/ gives the gateway HANDRAISER_SERVICES_REPORTING=http://reporting:8084; "
                                                        + "reporting-service answers at http://reporting-service:8084");
    }

    @Test
    void aVariableThatBindsNoPropertyIsCaught() throws IOException {
        DeploymentFiles files = DeploymentFiles.read(ROOT.resolve("infra/deploy"));
        manifest(files, "ConfigMap", "handraiser-shared").object().put("data", Map.of("HANDRAISER_EVENTLOG_DB", "events"));
        map(at(files.compose(), "services", "gateway", "environment")).put("MONGODB_URI", "mongodb://mongo-1:27017/?replicaSet=rs0");

        assertThat(checks(deployables, files).kubernetes())
                .filteredOn(problem -> problem.contains("sets HANDRAISER_EVENTLOG_DB, which binds no property"))
                .hasSize((int) deployables.stream().filter(Deployable::onStarter).count());
        assertThat(checks(deployables, files).compose())
                .contains("compose.yaml gateway sets MONGODB_URI, which binds no property of gateway");
    }

    @Test
    void aProbeOffTheHealthGroupsIsCaught() throws IOException {
        DeploymentFiles files = DeploymentFiles.read(ROOT.resolve("infra/deploy"));
        map(at(container(files, "reporting-service"), "readinessProbe", "httpGet")).put("path", "/actuator/health/ready");

        assertThat(checks(deployables, files).kubernetes()).singleElement().asString()
                .startsWith("k8s/reporting-service.yaml Deployment reporting-service's readinessProbe asks /actuator/health/ready");
    }

    @Test
    void probeGroupsTheGatewayDoesNotServeAreCaught() throws IOException {
        DeploymentFiles files = DeploymentFiles.read(ROOT.resolve("infra/deploy"));
        DeploymentFiles withoutProbeGroups = new DeploymentFiles(files.directory(), files.compose(), files.manifests(), files.k8sFiles(),
                new DeploymentFiles.Dockerfile(files.dockerfile().arguments(), Map.of("SERVER_PORT", "${PORT}"),
                                               files.dockerfile().copySource(), files.dockerfile().healthcheck()));
        DeploymentChecks checks = checks(deployables, withoutProbeGroups);

        assertThat(checks.kubernetes()).hasSize(3).allMatch(problem -> problem.startsWith("k8s/gateway.yaml Deployment gateway's"));
        assertThat(checks.dockerfile()).containsExactly(
                "the Dockerfile's healthcheck asks /actuator/health/readiness, not a health group gateway serves");
    }

    @Test
    void anAutoscalerOfNoDeploymentIsCaught() throws IOException {
        DeploymentFiles files = DeploymentFiles.read(ROOT.resolve("infra/deploy"));
        map(at(manifest(files, "HorizontalPodAutoscaler", "contact-service").object(), "spec", "scaleTargetRef")).put("name", "contact");

        assertThat(checks(deployables, files).kubernetes())
                .anyMatch(problem -> problem.contains("HorizontalPodAutoscaler contact-service scales") && problem.contains("no Deployment"))
                .contains("k8s/ must hold one HorizontalPodAutoscaler of contact-service, holds 0");
    }

    @Test
    void anImageOfAnotherNameOrTagIsCaught() throws IOException {
        DeploymentFiles files = DeploymentFiles.read(ROOT.resolve("infra/deploy"));
        map(at(files.compose(), "services", "reporting-service")).put("image", "handraiser/reporting:0.1.0");
        map(container(files, "scoring-service")).put("image", "handraiser/scoring-service:latest");

        assertThat(checks(deployables, files).compose()).singleElement().asString().contains("handraiser/reporting:0.1.0");
        assertThat(checks(deployables, files).kubernetes()).singleElement().asString().contains("handraiser/scoring-service:latest");
    }

    @Test
    void aSecretKeyTheSecretDoesNotHoldIsCaught() throws IOException {
        DeploymentFiles files = DeploymentFiles.read(ROOT.resolve("infra/deploy"));
        for (Object variable : list(at(container(files, "gateway"), "env"))) {
            if ("HANDRAISER_SECURITY_JWT_SECRET".equals(at(variable, "name"))) {
                map(at(variable, "valueFrom", "secretKeyRef")).put("key", "gateway-jwt-secret");
            }
        }

        assertThat(checks(deployables, files).kubernetes())
                .anyMatch(problem -> problem.contains("gateway reads") && problem.contains("gateway-jwt-secret"))
                .anyMatch(problem -> problem.startsWith("k8s/ gives the processes different HANDRAISER_SECURITY_JWT_SECRET"));
    }

    private static Manifest manifest(DeploymentFiles files, String kind, String name) {
        return files.manifests().stream().filter(manifest -> manifest.kind().equals(kind) && manifest.name().equals(name))
                    .findFirst().orElseThrow();
    }

    private static Object container(DeploymentFiles files, String deployment) {
        return list(at(manifest(files, "Deployment", deployment).object(), "spec", "template", "spec", "containers")).get(0);
    }
}
