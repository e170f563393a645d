package space.tokenta.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import space.tokenta.cluster.node.NodeConfig;

class StaleAeronDirectoryTest {
    @Test
    void directoriesOfDeadProcessesAreSweptAndLiveOnesKept() throws Exception {
        final Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        final Path base = NodeConfig.defaultAeronDirectory(0).getParent();
        final Path stale = base.resolve("tokenta-" + gone.pid() + "-node-3");
        final Path live = base.resolve("tokenta-" + ProcessHandle.current().pid() + "-node-7");
        Files.createDirectories(stale.resolve("inner"));
        Files.createDirectories(live);
        try {
            NodeConfig.defaultAeronDirectory(0);
            assertFalse(Files.exists(stale), "a dead process's driver directory is deleted");
            assertTrue(Files.exists(live), "a running process's directory is kept");
        } finally {
            Files.deleteIfExists(live);
        }
    }
}
