package dev.orrery.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * {@code mvn test -Pfast} runs the tests without {@code @Tag("slow")}, so a test class that opens an SQLite file,
 * starts SSH servers or processes, or shows a JavaFX stage must carry that tag, or the fast run would be slow.
 */
class TestSpeedTagsTest {
    private static final Set<String> SLOW_PARTS = Set.of("dev.orrery.store.SqliteStore", "dev.orrery.Orrery",
            "dev.orrery.transport.TransportPool", "dev.orrery.transport.OpenSshServer", "java.lang.ProcessBuilder",
            "javafx.application.Platform", "org.testfx.api.FxRobot");

    @Test
    void testsThatTouchSlowPartsAreTaggedSlow() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("dev.orrery");
        DescribedPredicate<JavaClass> touchesSlowParts = DescribedPredicate.describe(
                "use SQLite files, SSH servers, processes or a JavaFX stage", c -> c.getDirectDependenciesFromSelf()
                        .stream().anyMatch(d -> SLOW_PARTS.contains(d.getTargetClass().getName())));
        DescribedPredicate<JavaClass> taggedSlow = DescribedPredicate.describe("annotated @Tag(\"slow\")",
                c -> c.tryGetAnnotationOfType(Tag.class).map(t -> t.value().equals("slow")).orElse(false));
        classes().that().haveSimpleNameEndingWith("Test").and(touchesSlowParts).should(
                be(taggedSlow)).check(tests);
    }
}
