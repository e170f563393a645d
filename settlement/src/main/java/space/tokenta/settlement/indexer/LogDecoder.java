package space.tokenta.settlement.indexer;

import java.util.Optional;

import org.web3j.protocol.core.methods.response.Log;
import space.tokenta.chain.escrow.EscrowEvent;
import space.tokenta.chain.escrow.EscrowEventDecoder;

/** Turns a log into an escrow event: empty when it is not one, an exception when it is malformed. */
@FunctionalInterface
public interface LogDecoder {
    Optional<EscrowEvent> decode(Log log);

    static LogDecoder escrow(final String contract) {
        final EscrowEventDecoder decoder = new EscrowEventDecoder(contract);
        return decoder::decode;
    }
}
