package io.handraiser.contract;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The published language is read by every service; it must not drag a framework along. */
@AnalyzeClasses(packages = "io.handraiser.contract", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractArchitectureTest {

    @ArchTest
    static final ArchRule noSpring = noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule onlyAxonAnnotationsAndJacksonAnnotations = classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.handraiser.contract..", "org.axonframework.modelling.command",
                                "org.axonframework.serialization", "com.fasterxml.jackson.annotation");

    @ArchTest
    static final ArchRule messagesAreRecords = classes().that().resideInAPackage("io.handraiser.contract.contact")
            .and().areNotInterfaces().and().areNotEnums().should().beRecords();
}
