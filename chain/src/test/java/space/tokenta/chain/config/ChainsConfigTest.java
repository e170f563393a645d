package space.tokenta.chain.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainsConfigTest {
    static final String GOOD = """
            {"chains":[
              {"name":"eth","profile":"ethereum","upstreams":[
                 {"id":"a","http":"http://127.0.0.1:1/","ws":"ws://127.0.0.1:1/"},
                 {"id":"b","http":"http://127.0.0.1:2/"}],
               "policy":{"requestDeadlineMs":4000,"hedgeEnabled":false,"consensusQuorum":2}},
              {"name":"tron","profile":"tron","upstreams":[{"id":"t","http":"http://127.0.0.1:3/jsonrpc"}]},
              {"name":"local","chainId":31337,"finality":"depth:3","upstreams":[]}
            ]}""";

    @Test
    void parsesProfilesUpstreamsAndPolicyOverrides() {
        final List<ChainConfig> chains = ChainsConfigFile.parse(GOOD.getBytes(StandardCharsets.UTF_8));
        assertEquals(3, chains.size());
        final ChainConfig eth = chains.get(0);
        assertEquals(1, eth.profile().chainId());
        assertEquals(FinalityRule.Kind.FINALIZED_TAG, eth.profile().finality().kind());
        assertEquals(2, eth.upstreams().size());
        assertEquals("ws://127.0.0.1:1/", eth.upstreams().get(0).wsUrl().toString());
        assertEquals(4000, eth.policy().requestDeadlineMs());
        assertEquals(false, eth.policy().hedgeEnabled());
        assertEquals(ChainKind.TRON, chains.get(1).profile().kind());
        assertEquals(FinalityRule.Kind.SOLIDIFIED, chains.get(1).profile().finality().kind());
        assertEquals(FinalityRule.depth(3), chains.get(2).profile().finality());
    }

    @Test
    void rejectsBadConfigurationWithAClearMessage() {
        final String[] bad = {
            "{",
            "{\"chains\":{}}",
            "{\"chains\":[{\"name\":\"x\",\"profile\":\"nope\",\"upstreams\":[]}]}",
            "{\"chains\":[{\"name\":\"x\",\"upstreams\":[]}]}",
            "{\"chains\":[{\"name\":\"eth\",\"profile\":\"ethereum\",\"upstreams\":[{\"id\":\"a\",\"http\":\"ftp://x/\"}]}]}",
            "{\"chains\":[{\"name\":\"eth\",\"profile\":\"ethereum\",\"upstreams\":[{\"id\":\"a\",\"http\":\"http://x/\"},{\"id\":\"a\",\"http\":\"http://y/\"}]}]}",
            "{\"chains\":[{\"name\":\"eth\",\"profile\":\"ethereum\",\"upstreams\":[],\"policy\":{\"bogus\":1}}]}",
            "{\"chains\":[{\"name\":\"eth\",\"profile\":\"ethereum\",\"upstreams\":[],\"policy\":{\"maxAttempts\":1000}}]}",
            "{\"chains\":[{\"name\":\"eth\",\"profile\":\"ethereum\",\"upstreams\":[],\"policy\":{\"maxAttempts\":\"3\"}}]}",
        };
        for (final String json : bad) {
            assertThrows(IllegalArgumentException.class, () -> ChainsConfigFile.parse(json.getBytes(StandardCharsets.UTF_8)), json);
        }
    }

    @Test
    void watcherAppliesChangesAndKeepsTheOldConfigOnErrors(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("chains.json");
        Files.writeString(file, GOOD);
        final List<List<ChainConfig>> applied = new ArrayList<>();
        final ConfigWatcher watcher = new ConfigWatcher(file, applied::add);
        assertEquals(1, watcher.doWork());
        assertEquals(0, watcher.doWork(), "unchanged file: nothing to do");
        Files.writeString(file, "{\"chains\":[{\"name\":\"eth\"");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertEquals(0, watcher.doWork());
        assertEquals(ConfigWatcher.State.REJECTED, watcher.state());
        assertEquals(1, applied.size());
        Files.writeString(file, GOOD.replace("\"id\":\"b\"", "\"id\":\"c\""));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        assertEquals(1, watcher.doWork());
        assertEquals("c", applied.get(1).get(0).upstreams().get(1).id());
        assertTrue(watcher.lastError().contains("JSON"));
    }

    @Test
    void policyBoundsAreEnforced() {
        assertThrows(IllegalArgumentException.class, () -> RpcPolicy.builder().maxAttempts(0).build());
        assertThrows(IllegalArgumentException.class, () -> RpcPolicy.builder().consensus(4, 3).build());
        assertThrows(IllegalArgumentException.class, () -> RpcPolicy.builder().attemptTimeoutMs(10_000).build());
        assertThrows(IllegalArgumentException.class, () -> RpcPolicy.builder().rate(10, 5, 100).build());
        assertEquals(RpcPolicy.defaults(), RpcPolicy.defaults().toBuilder().build());
    }
}
