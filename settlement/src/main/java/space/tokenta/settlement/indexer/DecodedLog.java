package space.tokenta.settlement.indexer;

import org.web3j.protocol.core.methods.response.Log;
import space.tokenta.chain.escrow.EscrowEvent;

/** A log and its decoded event, or the reason it goes to the dead letters (then {@code event} is null). */
public record DecodedLog(Log log, EscrowEvent event, String deadReason, int attempts) {
    public static String rawJson(final Log log) {
        return "{\"blockNumber\":\"" + log.getBlockNumberRaw() + "\",\"blockHash\":\"" + log.getBlockHash()
                + "\",\"logIndex\":\"" + log.getLogIndexRaw() + "\",\"transactionHash\":\"" + log.getTransactionHash()
                + "\",\"transactionIndex\":\"" + log.getTransactionIndexRaw() + "\",\"address\":\"" + log.getAddress()
                + "\",\"data\":\"" + log.getData() + "\",\"topics\":[" + String.join(",",
                log.getTopics().stream().map(t -> "\"" + t + "\"").toList()) + "]}";
    }
}
