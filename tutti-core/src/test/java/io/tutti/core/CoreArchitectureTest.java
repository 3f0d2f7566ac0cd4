package io.tutti.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md §1, §2 and §9: tutti-core is the deterministic core. It does no I/O, starts no threads, reads no clock
 * and knows nothing of Ratis, RocksDB, Netty, gRPC, Armeria or protobuf; and every package carries its design note.
 */
@AnalyzeClasses(packages = "io.tutti.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {
  @ArchTest
  static final ArchRule coreDependsOnNoRuntimeOrNetworkLibrary = noClasses()
      .that().resideInAPackage("io.tutti.core..")
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.ratis..", "org.rocksdb..", "io.netty..",
          "io.grpc..", "com.linecorp..", "com.google.protobuf..", "java.net..", "java.nio.file..")
      .because("the core is pure domain logic; I/O lives in tutti-server (STYLE.md §1)");

  @ArchTest
  static final ArchRule coreUsesNoFilesThreadsOrExecutors = noClasses()
      .that().resideInAPackage("io.tutti.core..")
      .should().dependOnClassesThat().belongToAnyOf(java.io.File.class, Thread.class)
      .orShould().dependOnClassesThat().haveNameMatching("java\\.util\\.concurrent\\.Executor.*")
      .because("the core has no threads and no I/O, so it can be driven by a simulator (STYLE.md §1)");

  @ArchTest
  static final ArchRule coreReadsNoClock = noClasses()
      .that().resideInAPackage("io.tutti.core..")
      .should().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(System.class, "nanoTime")
      .because("time is an argument: the leader's timestamp in the entry or a nowMs parameter (STYLE.md §2)");

  private static final Path MAIN_SOURCES = Path.of("src", "main", "java");

  @Test
  void everyPackageOfTheCoreHasAPackageInfo() throws IOException {
    Set<String> packages = new TreeSet<>();
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.tutti.core");
    for (JavaClass javaClass : classes) {
      packages.add(javaClass.getPackageName());
    }
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      files.filter(f -> f.toString().endsWith(".java"))
          .forEach(f -> packages.add(MAIN_SOURCES.relativize(f.getParent()).toString().replace(
              f.getFileSystem().getSeparator(), ".")));
    }
    assertThat(packages).as("packages of tutti-core").contains("io.tutti.core.kv", "io.tutti.core.meta");

    assertThat(packages).allSatisfy(pkg -> assertThat(
        MAIN_SOURCES.resolve(pkg.replace('.', '/')).resolve("package-info.java"))
        .as("package-info.java of %s", pkg).isRegularFile());
  }
}
