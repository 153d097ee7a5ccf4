package dev.libsqljpa.testkit.tursodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

class TursoDbExtensionTest {

    @Nested
    @ExtendWith(TursoDbExtension.class)
    class PerClass {
        static final List<TursoDbServer> SEEN = new ArrayList<>();

        @Test
        void injectsARunningServer(TursoDbServer server) throws Exception {
            SEEN.add(server);
            assertThat(server.isRunning()).isTrue();
            assertThat(TursoDb.execute(server.url(), "select 1").path("rows")).hasSize(1);
        }

        @Test
        void sharesTheServerAcrossMethods(TursoDbServer server) {
            SEEN.add(server);
            assertThat(server.isRunning()).isTrue();
        }

        @AfterAll
        static void oneServerForTheClassStoppedAfterIt() {
            assertThat(SEEN).hasSize(2);
            assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        }
    }

    @Nested
    class PerMethod {
        static final List<TursoDbServer> SEEN = new ArrayList<>();

        @RegisterExtension
        static final TursoDbExtension TURSODB = TursoDbExtension.perMethod();

        @Test
        void first(TursoDbServer server) {
            SEEN.add(server);
            assertThat(server.isRunning()).isTrue();
        }

        @Test
        void second(TursoDbServer server) {
            SEEN.add(server);
            assertThat(server.isRunning()).isTrue();
        }

        @AfterAll
        static void aFreshServerPerMethodEachClosed() {
            assertThat(SEEN).hasSize(2);
            assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
            assertThat(SEEN).allSatisfy(server -> assertThat(server.isRunning()).isFalse());
        }
    }
}
