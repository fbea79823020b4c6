package io.handraiser.scoring;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine is replayed against history by the what-if tool: it must run anywhere, with nothing but its inputs. */
@AnalyzeClasses(packages = "io.handraiser.scoring", importOptions = ImportOption.DoNotIncludeTests.class)
class ScoringArchitectureTest {

    @ArchTest
    static final ArchRule theEngineNeedsNoFrameworkAndNoDatabase = classes()
            .that().resideInAPackage("io.handraiser.scoring.engine..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.handraiser.scoring.engine..", "io.handraiser.contract..",
                                                                   "com.fasterxml.jackson..", "org.axonframework.serialization..");

    @ArchTest
    static final ArchRule theEngineReadsNoClock = noClasses()
            .that().resideInAPackage("io.handraiser.scoring.engine..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock");
}
