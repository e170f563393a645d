// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {EscrowFixture} from "./utils/EscrowFixture.sol";
import {TokentaEscrow} from "../src/TokentaEscrow.sol";

/// @notice Unit tests: balances, opening, release, refunds and disputes, each path and revert.
contract EscrowDealsTest is EscrowFixture {
    bytes32 internal constant DEAL = keccak256("ESC-8821");

    event Deposited(address indexed account, address indexed token, uint256 amount);
    event Withdrawn(address indexed account, address indexed token, uint256 amount);
    event DealOpened(
        bytes32 indexed dealId,
        address indexed buyer,
        address indexed seller,
        address token,
        uint256 amount,
        uint64 releaseAfter,
        uint64 expiresAt,
        uint16 feeBps
    );
    event DealReleased(
        bytes32 indexed dealId,
        address indexed seller,
        bytes32 indexed evidenceDigest,
        address token,
        uint256 sellerAmount,
        address feeRecipient,
        uint256 fee
    );
    event DealRefunded(
        bytes32 indexed dealId,
        address indexed buyer,
        bytes32 indexed evidenceDigest,
        address token,
        uint256 amount,
        TokentaEscrow.RefundReason reason
    );
    event DisputeOpened(bytes32 indexed dealId, address indexed buyer, uint64 disputedAt);
    event DisputeResolved(bytes32 indexed dealId, bytes32 indexed evidenceDigest, uint8 verdict);

    // ------------------------------------------------------------------ deposit / withdraw

    function test_deposit_creditsFreeBalanceAndEmits() public {
        usdt.mint(stranger, 500e6);
        VM.startPrank(stranger);
        usdt.approve(address(escrow), 500e6);
        VM.expectEmit(true, true, true, true);
        emit Deposited(stranger, address(usdt), 500e6);
        escrow.deposit(address(usdt), 500e6);
        VM.stopPrank();
        VM.assertEq(free(stranger), 500e6, "free balance");
        VM.assertEq(usdt.balanceOf(address(escrow)), FUNDS + 500e6, "escrow holds");
    }

    function test_deposit_revertsOnZeroTokenOrAmount() public {
        VM.prank(buyer);
        VM.expectRevert(err(TokentaEscrow.ZeroAddress.selector));
        escrow.deposit(address(0), 1);
        VM.prank(buyer);
        VM.expectRevert(err(TokentaEscrow.ZeroAmount.selector));
        escrow.deposit(address(usdt), 0);
    }

    function test_deposit_revertsWhenTokenReverts() public {
        VM.prank(stranger); // no allowance, no funds
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.TransferFailed.selector, address(usdt)));
        escrow.deposit(address(usdt), 1);
    }

    function test_deposit_revertsForAddressWithoutCode() public {
        VM.prank(buyer);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.TransferFailed.selector, stranger));
        escrow.deposit(stranger, 1);
    }

    function test_withdraw_paysFreeBalanceOnly() public {
        openDeal(DEAL, AMOUNT);
        uint256 freeBefore = free(buyer);
        VM.assertEq(freeBefore, FUNDS - AMOUNT, "deal amount is not free");
        VM.prank(buyer);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InsufficientBalance.selector, freeBefore, FUNDS));
        escrow.withdraw(address(usdt), FUNDS);
        VM.expectEmit(true, true, true, true);
        emit Withdrawn(buyer, address(usdt), freeBefore);
        VM.prank(buyer);
        escrow.withdraw(address(usdt), freeBefore);
        VM.assertEq(usdt.balanceOf(buyer), freeBefore, "buyer wallet");
        VM.assertEq(free(buyer), 0, "free after");
        VM.assertEq(usdt.balanceOf(address(escrow)), AMOUNT, "only the deal stays");
    }

    function test_withdraw_revertsOnZeroAmount() public {
        VM.prank(buyer);
        VM.expectRevert(err(TokentaEscrow.ZeroAmount.selector));
        escrow.withdraw(address(usdt), 0);
    }

    // ------------------------------------------------------------------ open

    function test_open_movesFundsIntoDealAndEmits() public {
        TokentaEscrow.DealTerms memory t = terms(DEAL, AMOUNT);
        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        VM.expectEmit(true, true, true, true);
        emit DealOpened(DEAL, buyer, seller, address(usdt), AMOUNT, t.releaseAfter, t.expiresAt, FEE_BPS);
        VM.prank(operator);
        escrow.open(t, sig);
        TokentaEscrow.Deal memory deal = escrow.getDeal(DEAL);
        VM.assertEq(uint256(deal.state), uint256(TokentaEscrow.DealState.Open), "state");
        VM.assertEq(deal.buyer, buyer, "buyer");
        VM.assertEq(deal.seller, seller, "seller");
        VM.assertEq(deal.token, address(usdt), "token");
        VM.assertEq(deal.amount, AMOUNT, "amount");
        VM.assertEq(deal.releaseAfter, t.releaseAfter, "releaseAfter");
        VM.assertEq(deal.expiresAt, t.expiresAt, "expiresAt");
        VM.assertEq(deal.feeBps, FEE_BPS, "fee snapshot");
        VM.assertEq(free(buyer), FUNDS - AMOUNT, "buyer free");
        VM.assertEq(escrow.lockedOf(address(usdt)), AMOUNT, "locked");
    }

    function test_open_onlyOperator() public {
        TokentaEscrow.DealTerms memory t = terms(DEAL, AMOUNT);
        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        VM.prank(buyer);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.NotOperator.selector, buyer));
        escrow.open(t, sig);
    }

    function test_open_rejectsZeroIdOrToken() public {
        TokentaEscrow.DealTerms memory t = terms(bytes32(0), AMOUNT);
        expectOpenRevert(t, err(TokentaEscrow.ZeroAddress.selector));
        t = terms(DEAL, AMOUNT);
        t.token = address(0);
        expectOpenRevert(t, err(TokentaEscrow.ZeroAddress.selector));
    }

    function test_open_rejectsBadParties() public {
        TokentaEscrow.DealTerms memory t = terms(DEAL, AMOUNT);
        t.seller = address(0);
        expectOpenRevert(t, err(TokentaEscrow.InvalidParties.selector));
        t = terms(DEAL, AMOUNT);
        t.seller = buyer;
        expectOpenRevert(t, err(TokentaEscrow.InvalidParties.selector));
        t = terms(DEAL, AMOUNT);
        t.buyer = address(0);
        expectOpenRevert(t, err(TokentaEscrow.InvalidParties.selector));
    }

    function test_open_rejectsZeroAmount() public {
        expectOpenRevert(terms(DEAL, 0), err(TokentaEscrow.ZeroAmount.selector));
    }

    function test_open_rejectsBadTimes() public {
        TokentaEscrow.DealTerms memory t = terms(DEAL, AMOUNT);
        t.releaseAfter = t.expiresAt + 1;
        expectOpenRevert(t, abi.encodeWithSelector(TokentaEscrow.InvalidDealTimes.selector, t.releaseAfter, t.expiresAt));
        t = terms(DEAL, AMOUNT);
        t.releaseAfter = uint64(T0 - 10);
        t.expiresAt = uint64(T0);
        expectOpenRevert(t, abi.encodeWithSelector(TokentaEscrow.InvalidDealTimes.selector, t.releaseAfter, t.expiresAt));
    }

    function test_open_rejectsExpiredAuthorization() public {
        TokentaEscrow.DealTerms memory t = terms(DEAL, AMOUNT);
        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        VM.warp(t.authDeadline + 1);
        VM.prank(operator);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.AuthorizationExpired.selector, t.authDeadline));
        escrow.open(t, sig);
        VM.warp(t.authDeadline);
        VM.prank(operator);
        escrow.open(t, sig);
        VM.assertEq(uint256(stateOf(DEAL)), uint256(TokentaEscrow.DealState.Open), "open at the deadline");
    }

    function test_open_rejectsDuplicateDealId() public {
        openDeal(DEAL, AMOUNT);
        expectOpenRevert(terms(DEAL, 1e6), abi.encodeWithSelector(TokentaEscrow.DealExists.selector, DEAL));
    }

    function test_open_rejectsSettledDealIdAgain() public {
        openDeal(DEAL, AMOUNT);
        VM.warp(T0 + LIFETIME + 1);
        escrow.refundExpired(DEAL);
        expectOpenRevert(terms(DEAL, 1e6), abi.encodeWithSelector(TokentaEscrow.DealExists.selector, DEAL));
    }

    function test_open_requiresTheBuyersSignatureOfThoseExactTerms() public {
        TokentaEscrow.DealTerms memory t = terms(DEAL, AMOUNT);
        uint256 otherKey = 0xE11E;
        bytes memory foreign = authorize(escrow, t, otherKey);
        VM.prank(operator);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InvalidBuyerSignature.selector, VM.addr(otherKey)));
        escrow.open(t, foreign);

        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        TokentaEscrow.DealTerms memory changed = terms(DEAL, AMOUNT + 1);
        VM.prank(operator);
        VM.expectRevert(); // recovers some other address
        escrow.open(changed, sig);
        changed = terms(DEAL, AMOUNT);
        changed.seller = stranger;
        VM.prank(operator);
        VM.expectRevert();
        escrow.open(changed, sig);
        VM.assertEq(free(buyer), FUNDS, "nothing moved");
    }

    function test_open_rejectsBadSignatureEncoding() public {
        TokentaEscrow.DealTerms memory t = terms(DEAL, AMOUNT);
        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        bytes memory short = new bytes(64);
        VM.prank(operator);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InvalidSignatureLength.selector, 64));
        escrow.open(t, short);
        VM.prank(operator);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.HighS.selector, 0));
        escrow.open(t, malleate(sig, 0));
    }

    function test_open_rejectsWhenBuyerLacksFreeBalance() public {
        expectOpenRevert(terms(DEAL, FUNDS + 1), abi.encodeWithSelector(TokentaEscrow.InsufficientBalance.selector, FUNDS, FUNDS + 1));
    }

    function expectOpenRevert(TokentaEscrow.DealTerms memory t, bytes memory reason) internal {
        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        VM.prank(operator);
        VM.expectRevert(reason);
        escrow.open(t, sig);
    }

    // ------------------------------------------------------------------ release

    /// @dev DEAL opened for AMOUNT and past its timelock; a verdict on it with `outcome` (1 PASS, 2 FAIL).
    function openDueVerdict(uint8 outcome) internal returns (TokentaEscrow.DeliveryVerdict memory) {
        openDeal(DEAL, AMOUNT);
        VM.warp(T0 + TIMELOCK);
        return verdictFor(DEAL, outcome);
    }

    function test_release_paysSellerMinusFeeAndRecordsEvidence() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        bytes memory sigs = signQuorum(v);
        uint256 fee = AMOUNT * FEE_BPS / 10_000;
        VM.expectEmit(true, true, true, true);
        emit DealReleased(DEAL, seller, v.evidenceDigest, address(usdt), AMOUNT - fee, feeRecipient, fee);
        escrow.release(v, sigs);
        VM.assertEq(free(seller), AMOUNT - fee, "seller");
        VM.assertEq(free(feeRecipient), fee, "fee");
        VM.assertEq(escrow.lockedOf(address(usdt)), 0, "unlocked");
        TokentaEscrow.Deal memory deal = escrow.getDeal(DEAL);
        VM.assertEq(uint256(deal.state), uint256(TokentaEscrow.DealState.Released), "state");
        VM.assertEq(deal.evidenceDigest, v.evidenceDigest, "evidence recorded");
        VM.prank(seller);
        escrow.withdraw(address(usdt), AMOUNT - fee);
        VM.assertEq(usdt.balanceOf(seller), AMOUNT - fee, "seller wallet");
    }

    function test_release_secondCallChangesNothing() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        bytes memory sigs = signQuorum(v);
        escrow.release(v, sigs);
        uint256 sellerAfter = free(seller);
        uint256 feeAfter = free(feeRecipient);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotOpen.selector, DEAL, TokentaEscrow.DealState.Released));
        escrow.release(v, sigs);
        bytes memory failSigs = signQuorum(verdictFor(DEAL, 2));
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotOpen.selector, DEAL, TokentaEscrow.DealState.Released));
        escrow.refund(verdictFor(DEAL, 2), failSigs);
        VM.warp(T0 + LIFETIME + 1);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotOpen.selector, DEAL, TokentaEscrow.DealState.Released));
        escrow.refundExpired(DEAL);
        VM.assertEq(free(seller), sellerAfter, "seller unchanged");
        VM.assertEq(free(feeRecipient), feeAfter, "fee unchanged");
        VM.assertEq(free(buyer), FUNDS - AMOUNT, "buyer unchanged");
    }

    function test_release_withZeroFee() public {
        uint256 id = proposeAndExecute(TokentaEscrow.Action.SetFeeBps, address(0), 0);
        VM.assertEq(id, 1, "proposal id");
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        escrow.release(v, signQuorum(v));
        VM.assertEq(free(seller), AMOUNT, "seller gets all");
        VM.assertEq(free(feeRecipient), 0, "no fee");
    }

    function test_release_usesFeeSnapshotFromOpen() public {
        openDeal(DEAL, AMOUNT);
        proposeAndExecute(TokentaEscrow.Action.SetFeeBps, address(0), 1_000);
        VM.warp(T0 + TIMELOCK);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        escrow.release(v, signQuorum(v));
        VM.assertEq(free(feeRecipient), AMOUNT * FEE_BPS / 10_000, "fee at open");
    }

    function test_release_acceptsMoreThanQuorum() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        escrow.release(v, signVerdict(escrow, v, firstKeys(5)));
        VM.assertEq(uint256(stateOf(DEAL)), uint256(TokentaEscrow.DealState.Released), "released");
    }

    function test_release_revertsForUnknownDeal() public {
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sigs1 = signQuorum(v);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotOpen.selector, DEAL, TokentaEscrow.DealState.None));
        escrow.release(v, sigs1);
    }

    function test_release_revertsOnFailVerdict() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(2);
        bytes memory sigs = signQuorum(v);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.WrongVerdict.selector, 2));
        escrow.release(v, sigs);
        v.verdict = 0;
        bytes memory sigs2 = signQuorum(v);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.WrongVerdict.selector, 0));
        escrow.release(v, sigs2);
    }

    function test_release_requiresAllStages() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        v.stageMask = 0x1F;
        bytes memory sigs3 = signQuorum(v);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.IncompleteStages.selector, 0x1F));
        escrow.release(v, sigs3);
    }

    function test_release_waitsForTimelockAndStopsAtExpiry() public {
        openDeal(DEAL, AMOUNT);
        uint64 releaseAfter = uint64(T0) + TIMELOCK;
        uint64 expiresAt = uint64(T0) + LIFETIME;
        VM.warp(releaseAfter - 1);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sigs = signQuorum(v);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.TimelockActive.selector, releaseAfter));
        escrow.release(v, sigs);
        VM.warp(expiresAt + 1);
        v.expiresAt = expiresAt + 100;
        sigs = signQuorum(v);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealExpired.selector, expiresAt));
        escrow.release(v, sigs);
    }

    function test_release_rejectsVerdictOutsideItsValidity() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        v.issuedAt = uint64(block.timestamp) + 1;
        bytes memory sigs4 = signQuorum(v);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.VerdictNotValidNow.selector, v.issuedAt, v.expiresAt));
        escrow.release(v, sigs4);
        v = verdictFor(DEAL, 1);
        v.issuedAt = uint64(T0);
        v.expiresAt = uint64(block.timestamp) - 1;
        bytes memory sigs5 = signQuorum(v);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.VerdictNotValidNow.selector, v.issuedAt, v.expiresAt));
        escrow.release(v, sigs5);
    }

    function test_release_rejectsZeroEvidenceAndBadFields() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        v.evidenceDigest = bytes32(0);
        bytes memory sigs6 = signQuorum(v);
        VM.expectRevert(err(TokentaEscrow.ZeroEvidence.selector));
        escrow.release(v, sigs6);
        v = verdictFor(DEAL, 1);
        v.scoreBps = 10_001;
        bytes memory sigs7 = signQuorum(v);
        VM.expectRevert(err(TokentaEscrow.InvalidVerdictFields.selector));
        escrow.release(v, sigs7);
    }

    function test_release_rejectsTooFewSignatures() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        bytes memory two = signVerdict(escrow, v, firstKeys(2));
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InsufficientSignatures.selector, 2, 3));
        escrow.release(v, two);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InsufficientSignatures.selector, 0, 3));
        escrow.release(v, "");
    }

    function test_release_rejectsBadSignatureLength() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        bytes memory sigs = abi.encodePacked(signQuorum(v), bytes1(0x00));
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InvalidSignatureLength.selector, 196));
        escrow.release(v, sigs);
    }

    function test_release_rejectsTooManySignatures() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.TooManySignatures.selector, 33));
        escrow.release(v, new bytes(33 * 65));
    }

    function test_release_rejectsBadVAndUnrecoverable() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        bytes memory sigs = signQuorum(v);
        sigs[65 + 64] = bytes1(uint8(29));
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InvalidV.selector, 1));
        escrow.release(v, sigs);
        bytes memory zeros = abi.encodePacked(new bytes(64), uint8(27), signQuorum(v));
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InvalidSignature.selector, 0));
        escrow.release(v, zeros);
    }

    function test_release_whenPausedReverts() public {
        TokentaEscrow.DeliveryVerdict memory v = openDueVerdict(1);
        bytes memory sigs = signQuorum(v);
        VM.prank(owners[0]);
        escrow.pause();
        VM.expectRevert(err(TokentaEscrow.EnforcedPause.selector));
        escrow.release(v, sigs);
        proposeAndExecute(TokentaEscrow.Action.Unpause, address(0), 0);
        escrow.release(v, sigs);
        VM.assertEq(uint256(stateOf(DEAL)), uint256(TokentaEscrow.DealState.Released), "released after unpause");
    }

    // ------------------------------------------------------------------ refund

    function test_refund_onFailQuorumCreditsBuyer() public {
        openDeal(DEAL, AMOUNT);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 2);
        bytes memory sigs = signQuorum(v);
        VM.expectEmit(true, true, true, true);
        emit DealRefunded(DEAL, buyer, v.evidenceDigest, address(usdt), AMOUNT, TokentaEscrow.RefundReason.FailVerdict);
        escrow.refund(v, sigs); // no timelock for a failed delivery
        VM.assertEq(free(buyer), FUNDS, "buyer whole again");
        VM.assertEq(free(seller), 0, "seller nothing");
        VM.assertEq(escrow.lockedOf(address(usdt)), 0, "unlocked");
        VM.assertEq(escrow.getDeal(DEAL).evidenceDigest, v.evidenceDigest, "evidence recorded");
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotOpen.selector, DEAL, TokentaEscrow.DealState.Refunded));
        escrow.refund(v, sigs);
        VM.assertEq(free(buyer), FUNDS, "second refund changes nothing");
    }

    function test_refund_rejectsPassVerdictAndBadFields() public {
        openDeal(DEAL, AMOUNT);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sigs8 = signQuorum(v);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.WrongVerdict.selector, 1));
        escrow.refund(v, sigs8);
        v = verdictFor(DEAL, 2);
        v.stageMask = 0x40;
        bytes memory sigs9 = signQuorum(v);
        VM.expectRevert(err(TokentaEscrow.InvalidVerdictFields.selector));
        escrow.refund(v, sigs9);
    }

    function test_refundExpired_onlyAfterExpiry() public {
        openDeal(DEAL, AMOUNT);
        uint64 expiresAt = uint64(T0) + LIFETIME;
        VM.warp(expiresAt);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotExpired.selector, expiresAt));
        escrow.refundExpired(DEAL);
        VM.warp(expiresAt + 1);
        VM.expectEmit(true, true, true, true);
        emit DealRefunded(DEAL, buyer, bytes32(0), address(usdt), AMOUNT, TokentaEscrow.RefundReason.Expired);
        VM.prank(stranger); // anyone may trigger it; the buyer is paid
        escrow.refundExpired(DEAL);
        VM.assertEq(free(buyer), FUNDS, "buyer refunded");
        VM.assertEq(free(stranger), 0, "caller gets nothing");
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotOpen.selector, DEAL, TokentaEscrow.DealState.Refunded));
        escrow.refundExpired(DEAL);
    }

    function test_pauseBlocksValueMovingCalls() public {
        openDeal(DEAL, AMOUNT);
        VM.prank(owners[1]);
        escrow.pause();
        TokentaEscrow.DealTerms memory t = terms(keccak256("other"), 1e6);
        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        VM.prank(operator);
        VM.expectRevert(err(TokentaEscrow.EnforcedPause.selector));
        escrow.open(t, sig);
        VM.prank(buyer);
        VM.expectRevert(err(TokentaEscrow.EnforcedPause.selector));
        escrow.deposit(address(usdt), 1);
        VM.prank(buyer);
        VM.expectRevert(err(TokentaEscrow.EnforcedPause.selector));
        escrow.withdraw(address(usdt), 1);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 2);
        bytes memory sigs = signQuorum(v);
        VM.expectRevert(err(TokentaEscrow.EnforcedPause.selector));
        escrow.refund(v, sigs);
        VM.warp(T0 + LIFETIME + 1);
        VM.expectRevert(err(TokentaEscrow.EnforcedPause.selector));
        escrow.refundExpired(DEAL);
    }

    // ------------------------------------------------------------------ disputes

    function test_dispute_blocksReleaseUntilFreshVerdict() public {
        openDeal(DEAL, AMOUNT);
        TokentaEscrow.DeliveryVerdict memory early = verdictFor(DEAL, 1); // signed before the dispute
        bytes memory earlySigs = signQuorum(early);
        VM.warp(T0 + 60);
        VM.expectEmit(true, true, true, true);
        emit DisputeOpened(DEAL, buyer, uint64(T0 + 60));
        VM.prank(buyer);
        escrow.dispute(DEAL);
        TokentaEscrow.Deal memory deal = escrow.getDeal(DEAL);
        VM.assertTrue(deal.disputed, "disputed");
        VM.assertEq(deal.disputedAt, T0 + 60, "disputedAt");

        VM.warp(T0 + TIMELOCK);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.StaleVerdict.selector, uint64(T0), uint64(T0 + 60)));
        escrow.release(early, earlySigs);
        TokentaEscrow.DeliveryVerdict memory sameSecond = verdictFor(DEAL, 1);
        sameSecond.issuedAt = uint64(T0 + 60);
        bytes memory sameSigs = signQuorum(sameSecond);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.StaleVerdict.selector, uint64(T0 + 60), uint64(T0 + 60)));
        escrow.release(sameSecond, sameSigs);

        TokentaEscrow.DeliveryVerdict memory fresh = verdictFor(DEAL, 1);
        bytes memory freshSigs = signQuorum(fresh);
        VM.expectEmit(true, true, true, true);
        emit DisputeResolved(DEAL, fresh.evidenceDigest, 1);
        escrow.release(fresh, freshSigs);
        VM.assertEq(uint256(stateOf(DEAL)), uint256(TokentaEscrow.DealState.Released), "released");
    }

    function test_dispute_resolvedByFailQuorumRefunds() public {
        openDeal(DEAL, AMOUNT);
        VM.prank(buyer);
        escrow.dispute(DEAL);
        VM.warp(T0 + 120);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 2);
        bytes memory sigs = signQuorum(v);
        VM.expectEmit(true, true, true, true);
        emit DisputeResolved(DEAL, v.evidenceDigest, 2);
        escrow.refund(v, sigs);
        VM.assertEq(free(buyer), FUNDS, "refunded");
    }

    function test_dispute_unresolvedDealRefundsAtExpiry() public {
        openDeal(DEAL, AMOUNT);
        VM.prank(buyer);
        escrow.dispute(DEAL);
        VM.warp(T0 + LIFETIME + 1);
        escrow.refundExpired(DEAL);
        VM.assertEq(free(buyer), FUNDS, "refunded");
    }

    function test_dispute_onlyBuyerOnceBeforeTimelock() public {
        openDeal(DEAL, AMOUNT);
        VM.prank(seller);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.NotBuyer.selector, seller));
        escrow.dispute(DEAL);
        VM.prank(buyer);
        escrow.dispute(DEAL);
        VM.prank(buyer);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.AlreadyDisputed.selector, DEAL));
        escrow.dispute(DEAL);
    }

    function test_dispute_windowClosesAtTimelock() public {
        openDeal(DEAL, AMOUNT);
        VM.warp(T0 + TIMELOCK);
        VM.prank(buyer);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DisputeWindowClosed.selector, uint64(T0) + TIMELOCK));
        escrow.dispute(DEAL);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotOpen.selector, keccak256("x"), TokentaEscrow.DealState.None));
        escrow.dispute(keccak256("x"));
    }

    // ------------------------------------------------------------------ views

    function test_domainSeparatorFollowsChainAndContract() public {
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("TokentaEscrow"),
                keccak256("1"),
                block.chainid,
                address(escrow)
            )
        );
        VM.assertEq(escrow.domainSeparator(), expected, "domain");
        VM.chainId(8453);
        VM.assertTrue(escrow.domainSeparator() != expected, "domain changes with chain id");
    }

    function test_hashVerdictMatchesEip712() public view {
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "DeliveryVerdict(bytes32 dealId,bytes32 evidenceDigest,uint8 stageMask,uint8 verdict,uint16 scoreBps,uint64 issuedAt,uint64 expiresAt)"
                ),
                v.dealId,
                v.evidenceDigest,
                v.stageMask,
                v.verdict,
                v.scoreBps,
                v.issuedAt,
                v.expiresAt
            )
        );
        VM.assertEq(
            escrow.hashVerdict(v), keccak256(abi.encodePacked("\x19\x01", escrow.domainSeparator(), structHash)), "digest"
        );
    }
}
