package dev.footfall.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package picture of ARCHITECTURE.md, enforced: the server's packages form no cycle, and each
 * imports only the packages listed for it below (plus libraries and the JDK). The list runs in
 * data-flow order from the wiring down to the event every stage carries; keep it and the
 * document in step. A fixture with a deliberate cycle shows that the rules do fail.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.footfall.server";

    /** Package → the server packages it may import; the root package (wiring) may import all of them. */
    static final Map<String, List<String>> ALLOWED = allowed();

    private static Map<String, List<String>> allowed() {
        Map<String, List<String>> a = new LinkedHashMap<>();
        a.put("demo", List.of("ingest", "goal", "site"));
        a.put("api", List.of("query", "goal", "auth", "http", "cache", "metrics", "site", "event"));
        a.put("ingest", List.of("store", "spool", "session", "enrich", "auth", "http", "cache", "metrics", "site", "event"));
        a.put("tracker", List.of("http"));
        a.put("auth", List.of("http", "site"));
        a.put("query", List.of("goal", "rollup", "lookup", "site", "event"));
        a.put("goal", List.of());
        a.put("store", List.of("spool", "rollup", "session", "lookup", "cache", "metrics", "config", "site", "event", "sql", "os"));
        a.put("spool", List.of("site", "event"));
        a.put("rollup", List.of("goal", "session", "lookup", "cache", "site", "event", "sql", "os"));
        a.put("session", List.of("lookup", "cache", "site", "event"));
        a.put("lookup", List.of("cache", "metrics", "event"));
        a.put("config", List.of("cache", "enrich"));
        a.put("enrich", List.of("event"));
        a.put("event", List.of("site"));
        a.put("site", List.of());
        a.put("http", List.of());
        a.put("cache", List.of());
        a.put("metrics", List.of());
        a.put("embedded", List.of("os"));
        a.put("os", List.of());
        a.put("sql", List.of());
        return a;
    }

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packagesHaveNoCycles() {
        noCycles(ROOT).check(SERVER);
    }

    static Stream<String> packages() {
        return ALLOWED.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("packages")
    void packageImportsOnlyWhatItMay(String pkg) {
        importsOnly(ROOT, pkg, ALLOWED.get(pkg)).check(SERVER);
    }

    /** Every server package is in the table, so a new one gets its line (and a place in ARCHITECTURE.md). */
    @Test
    void everyPackageIsListed() {
        classes().that().resideInAPackage(ROOT + ".*..").and().resideOutsideOfPackage(ROOT + ".archfixture..")
                .should().resideInAnyPackage(ALLOWED.keySet().stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new))
                .check(SERVER);
    }

    /** The fixture's {@code event} imports its {@code ingest}, which imports {@code event}: both rules must catch it. */
    @Test
    void rulesFailOnACycle() {
        String fixture = ROOT + ".archfixture";
        JavaClasses classes = new ClassFileImporter().importPackages(fixture);
        assertThrows(AssertionError.class, () -> noCycles(fixture).check(classes));
        assertThrows(AssertionError.class, () -> importsOnly(fixture, "event", List.of()).check(classes));
    }

    private static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    private static ArchRule importsOnly(String root, String pkg, List<String> allowed) {
        String[] mayUse = Stream.concat(Stream.of(pkg), allowed.stream()).map(p -> root + "." + p + "..").toArray(String[]::new);
        return classes().that().resideInAPackage(root + "." + pkg + "..")
                .should().onlyDependOnClassesThat(not(resideInAPackage(root + "..")).or(resideInAnyPackage(mayUse)))
                .because(pkg + " may import only " + allowed + " of the server's packages (ARCHITECTURE.md)");
    }
}
