package space.tokenta.chain.escrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Against a real anvil: deploys MockStablecoin and TokentaEscrow from the exported artifacts,
 * signs buyer authorisations and attestor verdicts in Java, settles deals, decodes every event the
 * flows emit, and checks the Java EIP-712 digests against the contract's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokentaEscrowAnvilTest {
    private static final long CHAIN_ID = 31_338;
    private static final long POLL_MS = 20;
    private static final int POLL_ATTEMPTS = 1_500;
    private static final int FEE_BPS = 100;
    private static final BigInteger FUNDS = BigInteger.valueOf(1_000_000_000_000L); // 1M USDT, 6 decimals
    private static final long TIMELOCK_SEC = 3_600;
    private static final long LIFETIME_SEC = 86_400;

    private AnvilChain chain;
    private final ECKeyPair deployerKey = key("deployer");
    private final ECKeyPair operatorKey = key("operator");
    private final ECKeyPair buyerKey = key("buyer");
    private final ECKeyPair sellerKey = key("seller");
    private final ECKeyPair outsiderKey = key("outsider");
    private final List<ECKeyPair> ownerKeys = List.of(key("owner-1"), key("owner-2"), key("owner-3"));
    private final List<ECKeyPair> attestorKeys = List.of(key("attestor-1"), key("attestor-2"), key("attestor-3"),
            key("attestor-4"), key("attestor-5"));
    private final String feeRecipient = address(key("fees"));

    private MockStablecoinContract token;
    private TokentaEscrowContract escrow;
    private EscrowTypedData typedData;
    private EscrowEventDecoder decoder;

    @BeforeAll
    void deploy() throws Exception {
        chain = AnvilChain.start(CHAIN_ID);
        for (ECKeyPair k : List.of(deployerKey, operatorKey, buyerKey, sellerKey, outsiderKey, ownerKeys.get(0),
                ownerKeys.get(1), ownerKeys.get(2))) {
            chain.setBalance(address(k), BigInteger.TEN.pow(21));
        }
        token = MockStablecoinContract.deploy(sender(deployerKey), "Tether USD", "USDT");
        List<String> owners = ownerKeys.stream().map(TokentaEscrowAnvilTest::address).toList();
        List<String> attestors = attestorKeys.stream().map(TokentaEscrowAnvilTest::address).toList();
        escrow = TokentaEscrowContract.deploy(sender(deployerKey), new TokentaEscrowContract.Deployment(
                owners, 2, address(operatorKey), feeRecipient, FEE_BPS, attestors, 3));
        typedData = new EscrowTypedData(CHAIN_ID, escrow.address());
        decoder = new EscrowEventDecoder(escrow.address());

        token.mint(address(buyerKey), FUNDS);
        token.as(sender(buyerKey)).approve(escrow.address(), FUNDS);
        TransactionReceipt deposited = escrow.as(sender(buyerKey)).deposit(token.address(), FUNDS);
        EscrowEvent.Deposited event = only(EscrowEvent.Deposited.class, deposited);
        assertEquals(address(buyerKey), event.account());
        assertEquals(token.address(), event.token());
        assertEquals(FUNDS, event.amount());
    }

    @AfterAll
    void stop() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void javaDigestsEqualTheContracts() {
        assertArrayEquals(escrow.domainSeparator(), typedData.domainSeparator(), "domain separator");
        Random random = new Random(6);
        for (int i = 0; i < 12; i++) {
            DeliveryVerdict verdict = new DeliveryVerdict(bytes32(random), bytes32(random), random.nextInt(256),
                    random.nextInt(256), random.nextInt(65_536), random.nextLong() >>> 1, random.nextLong() >>> 1);
            assertArrayEquals(escrow.hashVerdict(verdict), typedData.verdictDigest(verdict), verdict.toString());
            DealTerms terms = new DealTerms(bytes32(random), randomAddress(random), randomAddress(random),
                    randomAddress(random), new BigInteger(256, random).add(BigInteger.ONE), random.nextLong() >>> 1,
                    random.nextLong() >>> 1, random.nextLong() >>> 1);
            assertArrayEquals(escrow.hashDealAuthorization(terms), typedData.dealAuthorizationDigest(terms));
        }
    }

    @Test
    void dealReleasesOnJavaSignedQuorumExactlyOnce() {
        BigInteger amount = BigInteger.valueOf(42_800_000_000L);
        DealTerms terms = openDeal("ESC-8821", amount);

        chain.advanceSeconds(TIMELOCK_SEC + 1);
        DeliveryVerdict verdict = verdict(terms.dealId(), DeliveryVerdict.PASS);
        byte[] signatures = QuorumSignatures.signSorted(typedData.verdictDigest(verdict), attestorKeys.subList(0, 3));
        TransactionReceipt released = escrow.as(sender(outsiderKey)).release(verdict, signatures);

        BigInteger fee = amount.multiply(BigInteger.valueOf(FEE_BPS)).divide(BigInteger.valueOf(10_000));
        EscrowEvent.DealReleased event = only(EscrowEvent.DealReleased.class, released);
        assertArrayEquals(terms.dealId(), event.dealId());
        assertEquals(address(sellerKey), event.seller());
        assertArrayEquals(verdict.evidenceDigest(), event.evidenceDigest());
        assertEquals(amount.subtract(fee), event.sellerAmount());
        assertEquals(feeRecipient, event.feeRecipient());
        assertEquals(fee, event.fee());
        assertEquals(released.getBlockHash(), event.ref().blockHash());

        DealView deal = escrow.getDeal(terms.dealId());
        assertEquals(DealView.State.RELEASED, deal.state());
        assertArrayEquals(verdict.evidenceDigest(), deal.evidenceDigest());
        assertEquals(amount.subtract(fee), escrow.balanceOf(token.address(), address(sellerKey)));

        ContractCallException again = assertThrows(ContractCallException.class,
                () -> escrow.as(sender(outsiderKey)).release(verdict, signatures));
        assertEquals("DealNotOpen", again.errorName().orElseThrow());
        assertEquals(amount.subtract(fee), escrow.balanceOf(token.address(), address(sellerKey)), "unchanged");

        TransactionReceipt withdrawn = escrow.as(sender(sellerKey)).withdraw(token.address(), amount.subtract(fee));
        assertEquals(amount.subtract(fee), only(EscrowEvent.Withdrawn.class, withdrawn).amount());
        assertEquals(amount.subtract(fee), token.balanceOf(address(sellerKey)));
    }

    @Test
    void disputeThenFailQuorumRefundsAndExpiryRefunds() {
        BigInteger amount = BigInteger.valueOf(5_000_000L);
        DealTerms disputed = openDeal("ESC-DSPT", amount);
        TransactionReceipt opened = escrow.as(sender(buyerKey)).dispute(disputed.dealId());
        EscrowEvent.DisputeOpened dispute = only(EscrowEvent.DisputeOpened.class, opened);
        assertEquals(address(buyerKey), dispute.buyer());

        chain.advanceSeconds(5);
        DeliveryVerdict fail = verdict(disputed.dealId(), DeliveryVerdict.FAIL);
        byte[] signatures = QuorumSignatures.signSorted(typedData.verdictDigest(fail), attestorKeys.subList(1, 4));
        TransactionReceipt refunded = escrow.as(sender(outsiderKey)).refund(fail, signatures);
        List<EscrowEvent> events = decoder.decodeAll(refunded);
        assertEquals(2, events.size());
        EscrowEvent.DisputeResolved resolved = assertInstanceOf(EscrowEvent.DisputeResolved.class, events.get(0));
        assertEquals(DeliveryVerdict.FAIL, resolved.verdict());
        EscrowEvent.DealRefunded refund = assertInstanceOf(EscrowEvent.DealRefunded.class, events.get(1));
        assertEquals(EscrowEvent.RefundReason.FAIL_VERDICT, refund.reason());
        assertEquals(amount, refund.amount());

        DealTerms expiring = openDeal("ESC-EXPR", amount);
        ContractCallException early = assertThrows(ContractCallException.class,
                () -> escrow.as(sender(outsiderKey)).refundExpired(expiring.dealId()));
        assertEquals("DealNotExpired", early.errorName().orElseThrow());
        chain.advanceSeconds(LIFETIME_SEC + 1);
        TransactionReceipt expired = escrow.as(sender(outsiderKey)).refundExpired(expiring.dealId());
        assertEquals(EscrowEvent.RefundReason.EXPIRED, only(EscrowEvent.DealRefunded.class, expired).reason());
        assertEquals(DealView.State.REFUNDED, escrow.getDeal(expiring.dealId()).state());
    }

    @Test
    void badSignatureSetsAreRejectedWithTypedErrors() {
        DealTerms terms = openDeal("ESC-BADSIG", BigInteger.valueOf(1_000_000L));
        chain.advanceSeconds(TIMELOCK_SEC + 1);
        DeliveryVerdict verdict = verdict(terms.dealId(), DeliveryVerdict.PASS);
        byte[] digest = typedData.verdictDigest(verdict);

        byte[] sorted = QuorumSignatures.signSorted(digest, attestorKeys.subList(0, 3));
        byte[] reversed = new byte[sorted.length];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(sorted, (2 - i) * 65, reversed, i * 65, 65);
        }
        assertRejected("UnsortedSigners", verdict, reversed);
        assertRejected("InsufficientSignatures", verdict, QuorumSignatures.signSorted(digest,
                attestorKeys.subList(0, 2)));
        List<ECKeyPair> withOutsider = new ArrayList<>(attestorKeys.subList(0, 2));
        withOutsider.add(outsiderKey);
        assertRejected("NotAttestor", verdict, QuorumSignatures.signSorted(digest, withOutsider));
        EscrowTypedData otherChain = new EscrowTypedData(CHAIN_ID + 1, escrow.address());
        assertRejected("NotAttestor", verdict, QuorumSignatures.signSorted(otherChain.verdictDigest(verdict),
                attestorKeys.subList(0, 3)));
        assertEquals(DealView.State.OPEN, escrow.getDeal(terms.dealId()).state());
    }

    @Test
    void governanceFlowEmitsDecodableEvents() {
        TokentaEscrowContract first = escrow.as(sender(ownerKeys.get(0)));
        String newcomer = address(key("attestor-6"));
        TransactionReceipt proposed = first.propose(GovernanceAction.ADD_ATTESTOR, newcomer, BigInteger.ZERO);
        List<EscrowEvent> events = decoder.decodeAll(proposed);
        EscrowEvent.ProposalCreated created = assertInstanceOf(EscrowEvent.ProposalCreated.class, events.get(0));
        assertEquals(GovernanceAction.ADD_ATTESTOR, created.action());
        assertEquals(newcomer, created.target());
        assertEquals(1, assertInstanceOf(EscrowEvent.ProposalConfirmed.class, events.get(1)).confirmations());

        escrow.as(sender(ownerKeys.get(1))).confirm(created.proposalId());
        TransactionReceipt executed = escrow.as(sender(ownerKeys.get(2))).execute(created.proposalId());
        events = decoder.decodeAll(executed);
        assertEquals(newcomer, assertInstanceOf(EscrowEvent.AttestorAdded.class, events.get(0)).attestor());
        assertEquals(created.proposalId(),
                assertInstanceOf(EscrowEvent.ProposalExecuted.class, events.get(1)).proposalId());
        assertTrue(escrow.isAttestor(newcomer));

        ContractCallException notOwner = assertThrows(ContractCallException.class,
                () -> escrow.as(sender(outsiderKey)).pause());
        assertEquals("NotOwner", notOwner.errorName().orElseThrow());
        TransactionReceipt paused = first.pause();
        assertEquals(address(ownerKeys.get(0)), only(EscrowEvent.Paused.class, paused).account());
        assertTrue(escrow.paused());
        TransactionReceipt unpauseProposal = first.propose(GovernanceAction.UNPAUSE, address(ownerKeys.get(0)),
                BigInteger.ZERO);
        BigInteger id = decoder.decodeAll(unpauseProposal).stream()
                .filter(EscrowEvent.ProposalCreated.class::isInstance).map(EscrowEvent.ProposalCreated.class::cast)
                .findFirst().orElseThrow().proposalId();
        escrow.as(sender(ownerKeys.get(2))).confirm(id);
        TransactionReceipt unpaused = first.execute(id);
        events = decoder.decodeAll(unpaused);
        assertEquals(address(ownerKeys.get(0)), assertInstanceOf(EscrowEvent.Unpaused.class, events.get(0)).account());
        assertEquals(id, assertInstanceOf(EscrowEvent.ProposalExecuted.class, events.get(1)).proposalId());
        assertFalse(escrow.paused());
    }

    // ------------------------------------------------------------------ helpers

    private DealTerms openDeal(String name, BigInteger amount) {
        long now = chain.latestTimestamp();
        DealTerms terms = new DealTerms(Hash.sha3(name.getBytes(StandardCharsets.UTF_8)), address(buyerKey),
                address(sellerKey), token.address(), amount, now + TIMELOCK_SEC, now + LIFETIME_SEC, now + 600);
        byte[] authorization = QuorumSignatures.sign(typedData.dealAuthorizationDigest(terms), buyerKey).rsv();
        TransactionReceipt receipt = escrow.as(sender(operatorKey)).open(terms, authorization);
        EscrowEvent.DealOpened opened = only(EscrowEvent.DealOpened.class, receipt);
        assertArrayEquals(terms.dealId(), opened.dealId());
        assertEquals(terms.buyer(), opened.buyer());
        assertEquals(terms.seller(), opened.seller());
        assertEquals(terms.token(), opened.token());
        assertEquals(amount, opened.amount());
        assertEquals(terms.releaseAfterSec(), opened.releaseAfterSec());
        assertEquals(terms.expiresAtSec(), opened.expiresAtSec());
        assertEquals(FEE_BPS, opened.feeBps());
        return terms;
    }

    private DeliveryVerdict verdict(byte[] dealId, int outcome) {
        long now = chain.latestTimestamp();
        return new DeliveryVerdict(dealId, Hash.sha3(dealId), outcome == DeliveryVerdict.PASS
                ? DeliveryVerdict.ALL_STAGES : 0x0F, outcome, outcome == DeliveryVerdict.PASS ? 9_960 : 2_000,
                now, now + LIFETIME_SEC * 2);
    }

    private void assertRejected(String error, DeliveryVerdict verdict, byte[] signatures) {
        ContractCallException e = assertThrows(ContractCallException.class,
                () -> escrow.as(sender(outsiderKey)).release(verdict, signatures));
        assertEquals(error, e.errorName().orElse("none"), e.getMessage());
    }

    private <T extends EscrowEvent> T only(Class<T> type, TransactionReceipt receipt) {
        List<EscrowEvent> events = decoder.decodeAll(receipt);
        assertEquals(1, events.size(), "events: " + events);
        return assertInstanceOf(type, events.get(0));
    }

    private EvmSender sender(ECKeyPair key) {
        return new EvmSender(chain.web3j, Credentials.create(key), CHAIN_ID,
                List.of(TokentaEscrowContract.ARTIFACT, MockStablecoinContract.ARTIFACT), POLL_MS, POLL_ATTEMPTS);
    }

    static ECKeyPair key(String name) {
        return ECKeyPair.create(new BigInteger(1, Hash.sha256(("tokenta-test-" + name).getBytes(StandardCharsets.UTF_8))));
    }

    static String address(ECKeyPair key) {
        return "0x" + Keys.getAddress(key);
    }

    private static byte[] bytes32(Random random) {
        byte[] word = new byte[32];
        random.nextBytes(word);
        return word;
    }

    private static String randomAddress(Random random) {
        byte[] raw = new byte[20];
        random.nextBytes(raw);
        return EvmHex.of(raw);
    }
}
