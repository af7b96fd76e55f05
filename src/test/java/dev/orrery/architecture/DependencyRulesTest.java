package dev.orrery.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.orrery.ArchitectureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;

/**
 * The dependency rules of docs/architecture.md, checked on the compiled main classes. A class may break a rule only
 * when it carries {@link ArchitectureException} with its reason and decision record.
 */
class DependencyRulesTest {
    private static final String ROOT = "dev.orrery";
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    private static final DescribedPredicate<JavaClass> EXCEPTED =
            DescribedPredicate.describe("annotated @ArchitectureException",
                    c -> c.isAnnotatedWith(ArchitectureException.class)
                            || c.getEnclosingClass().map(e -> e.isAnnotatedWith(ArchitectureException.class))
                            .orElse(false));

    private static void check(ArchRule rule) {
        rule.check(main);
    }

    @Test
    void modelDependsOnNothingOfOursAndNoFramework() {
        check(classes().that().resideInAPackage(ROOT + ".model..").and(DescribedPredicate.not(EXCEPTED))
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".model..", "java.."));
    }

    @Test
    void onlyGuiUsesJavaFx() {
        check(noClasses().that().resideOutsideOfPackage(ROOT + ".gui..").and(DescribedPredicate.not(EXCEPTED))
                .should().dependOnClassesThat().resideInAPackage("javafx.."));
    }

    @Test
    void onlyTheLayoutAdapterUsesJGraphX() {
        check(noClasses().that().resideOutsideOfPackage(ROOT + ".gui.layout..").and(DescribedPredicate.not(EXCEPTED))
                .should().dependOnClassesThat().resideInAPackage("com.mxgraph.."));
    }

    @Test
    void onlyTransportUsesMinaSshd() {
        check(noClasses().that().resideOutsideOfPackage(ROOT + ".transport..").and(DescribedPredicate.not(EXCEPTED))
                .should().dependOnClassesThat().resideInAPackage("org.apache.sshd.."));
    }

    @Test
    void onlyStoreUsesJdbc() {
        check(noClasses().that().resideOutsideOfPackage(ROOT + ".store..").and(DescribedPredicate.not(EXCEPTED))
                .should().dependOnClassesThat().resideInAPackage("java.sql.."));
    }

    @Test
    void onlyLoadUsesJackson() {
        check(noClasses().that().resideOutsideOfPackage(ROOT + ".load..").and(DescribedPredicate.not(EXCEPTED))
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.."));
    }

    @Test
    void guiIsALeaf() {
        check(noClasses().that().resideOutsideOfPackage(ROOT + ".gui..").and(DescribedPredicate.not(EXCEPTED))
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".gui.."));
    }

    @Test
    void cliIsALeaf() {
        check(noClasses().that().resideOutsideOfPackage(ROOT + ".cli..").and(DescribedPredicate.not(EXCEPTED))
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli.."));
    }

    @Test
    void onlyTheCliWritesToStandardStreams() {
        check(noClasses().that().resideOutsideOfPackage(ROOT + ".cli..").and(DescribedPredicate.not(EXCEPTED))
                .should(ACCESS_STANDARD_STREAMS));
    }

    @Test
    void lowerLayersDoNotReachUp() {
        String[] lower = {ROOT + ".load..", ROOT + ".graph..", ROOT + ".store..", ROOT + ".transport.."};
        check(noClasses().that().resideInAnyPackage(lower).and(DescribedPredicate.not(EXCEPTED))
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".stage..", ROOT + ".run..")
                .allowEmptyShould(true));
        check(noClasses().that().resideInAnyPackage(ROOT + ".load..", ROOT + ".graph..", ROOT + ".store..")
                .and(DescribedPredicate.not(EXCEPTED))
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".transport..")
                .allowEmptyShould(true));
    }

    @Test
    void coreDoesNotDependOnTheFacade() {
        check(noClasses().that().resideInAnyPackage(ROOT + ".model..", ROOT + ".load..", ROOT + ".graph..",
                        ROOT + ".store..", ROOT + ".stage..", ROOT + ".transport..", ROOT + ".run..")
                .and(DescribedPredicate.not(EXCEPTED))
                .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".Orrery")
                .allowEmptyShould(true));
    }
}
