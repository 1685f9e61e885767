package org.liandong.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Boundaries of every feature package (after ddd-by-examples' NoSpringInDomainLogicTest): domain
 * classes (entities, policies, the room's state and protocol) hold no REST or socket types, and
 * resources and sockets reach data only through services. Room-specific rules: RoomBoundariesTest.
 */
class ArchitectureTest {

    static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.liandong");

    @Test
    void domainClassesHoldNoRestOrSocketTypes() {
        noClasses()
                .that()
                .areAnnotatedWith(jakarta.persistence.Entity.class)
                .or()
                .haveSimpleNameEndingWith("Policy")
                .or()
                .resideInAnyPackage("org.liandong.room.state..", "org.liandong.room.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "io.quarkus.websockets..", "io.quarkus.resteasy..", "io.vertx..")
                .check(APP);
    }

    @Test
    void resourcesAndSocketsNeverTouchRepositories() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Resource")
                .or()
                .haveSimpleNameEndingWith("Socket")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .check(APP);
    }
}
