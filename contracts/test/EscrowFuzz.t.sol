// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {EscrowFixture} from "./utils/EscrowFixture.sol";
import {TokentaEscrow} from "../src/TokentaEscrow.sol";

/// @notice Fuzz tests (runs set in foundry.toml) over amounts, times and signature sets, each
/// against a direct statement of the rule.
contract EscrowFuzzTest is EscrowFixture {
    bytes32 internal constant DEAL = keccak256("ESC-FUZZ");

    function testFuzz_depositWithdrawKeepsBooks(uint256 depositAmount, uint256 withdrawAmount) public {
        depositAmount = bound(depositAmount, 1, type(uint128).max);
        usdt.mint(stranger, depositAmount);
        VM.prank(stranger);
        usdt.approve(address(escrow), depositAmount);
        VM.prank(stranger);
        escrow.deposit(address(usdt), depositAmount);
        withdrawAmount = bound(withdrawAmount, 1, depositAmount + 1);
        VM.prank(stranger);
        if (withdrawAmount > depositAmount) {
            VM.expectRevert(
                abi.encodeWithSelector(TokentaEscrow.InsufficientBalance.selector, depositAmount, withdrawAmount)
            );
            escrow.withdraw(address(usdt), withdrawAmount);
            withdrawAmount = 0;
        } else {
            escrow.withdraw(address(usdt), withdrawAmount);
        }
        VM.assertEq(free(stranger), depositAmount - withdrawAmount, "free");
        VM.assertEq(usdt.balanceOf(stranger), withdrawAmount, "wallet");
        VM.assertEq(usdt.balanceOf(address(escrow)), FUNDS + depositAmount - withdrawAmount, "escrow");
    }

    function testFuzz_releaseSplitsAmountExactly(uint256 amount, uint256 feeBps) public {
        amount = bound(amount, 1, FUNDS);
        feeBps = bound(feeBps, 0, 1_000);
        TokentaEscrow custom = deployWithFee(uint16(feeBps));
        usdt.mint(buyer, amount);
        VM.prank(buyer);
        usdt.approve(address(custom), amount);
        VM.prank(buyer);
        custom.deposit(address(usdt), amount);
        TokentaEscrow.DealTerms memory t = terms(DEAL, amount);
        bytes memory sig = authorize(custom, t, BUYER_KEY);
        VM.prank(operator);
        custom.open(t, sig);
        VM.warp(t.releaseAfter);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        custom.release(v, signVerdict(custom, v, firstKeys(3)));
        uint256 fee = custom.balanceOf(address(usdt), feeRecipient);
        uint256 paid = custom.balanceOf(address(usdt), seller);
        VM.assertEq(fee, amount * feeBps / 10_000, "fee rounds down");
        VM.assertEq(paid + fee, amount, "nothing created or lost");
        VM.assertEq(custom.lockedOf(address(usdt)), 0, "unlocked");
    }

    function deployWithFee(uint16 feeBps) internal returns (TokentaEscrow) {
        address[] memory attestors = new address[](5);
        for (uint256 i = 0; i < 5; ++i) {
            attestors[i] = VM.addr(attestorKeys[i]);
        }
        return new TokentaEscrow(owners, 2, operator, feeRecipient, feeBps, attestors, 3);
    }

    /// @dev Release succeeds exactly when releaseAfter <= now <= expiresAt; refundExpired exactly
    /// when now > expiresAt; at most one of them ever pays.
    function testFuzz_settlementTimes(uint256 at, uint256 timelock, uint256 lifetime, bool tryReleaseFirst) public {
        timelock = bound(timelock, 0, 30 days);
        lifetime = bound(lifetime, timelock == 0 ? 1 : timelock, 60 days);
        TokentaEscrow.DealTerms memory t = terms(DEAL, AMOUNT);
        t.releaseAfter = uint64(T0 + timelock);
        t.expiresAt = uint64(T0 + lifetime);
        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        VM.prank(operator);
        escrow.open(t, sig);
        at = bound(at, T0, T0 + 61 days);
        VM.warp(at);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sigs = signQuorum(v);
        bool releasable = at >= t.releaseAfter && at <= t.expiresAt;
        bool expired = at > t.expiresAt;
        bool released;
        bool refunded;
        if (tryReleaseFirst) {
            (released,) = address(escrow).call(abi.encodeCall(TokentaEscrow.release, (v, sigs)));
            (refunded,) = address(escrow).call(abi.encodeCall(TokentaEscrow.refundExpired, (DEAL)));
        } else {
            (refunded,) = address(escrow).call(abi.encodeCall(TokentaEscrow.refundExpired, (DEAL)));
            (released,) = address(escrow).call(abi.encodeCall(TokentaEscrow.release, (v, sigs)));
        }
        VM.assertEq(released, releasable, "release iff inside [releaseAfter, expiresAt]");
        VM.assertEq(refunded, expired, "refund iff after expiresAt");
        VM.assertEq(free(seller) + free(feeRecipient), released ? AMOUNT : 0, "seller side");
        VM.assertEq(free(buyer), refunded ? FUNDS : FUNDS - AMOUNT, "buyer side");
    }

    /// @dev Any subset of six keys (five attestors, one stranger) in any order: release succeeds
    /// exactly when at least three, all attestors, strictly sorted by address.
    function testFuzz_signerSets(uint256 seed) public {
        openDeal(DEAL, AMOUNT);
        VM.warp(T0 + TIMELOCK);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes32 digest = escrow.hashVerdict(v);
        uint256 count = bound(seed, 0, 8);
        bytes memory sigs;
        address previous;
        bool sorted = true;
        bool allAttestors = true;
        for (uint256 i = 0; i < count; ++i) {
            uint256 key = attestorKeys[uint256(keccak256(abi.encode(seed, i))) % 6];
            address signer = VM.addr(key);
            if (signer <= previous) sorted = false;
            if (!escrow.isAttestor(signer)) allAttestors = false;
            previous = signer;
            (uint8 sv, bytes32 r, bytes32 s) = VM.sign(key, digest);
            sigs = abi.encodePacked(sigs, r, s, sv);
        }
        bool expected = count >= 3 && sorted && allAttestors;
        (bool ok,) = address(escrow).call(abi.encodeCall(TokentaEscrow.release, (v, sigs)));
        VM.assertEq(ok, expected, "quorum rule");
        VM.assertEq(uint256(stateOf(DEAL)), uint256(expected ? TokentaEscrow.DealState.Released : TokentaEscrow.DealState.Open), "state");
    }

    /// @dev A random 65-byte blob in any position never counts as an attestor's signature.
    function testFuzz_garbageSignatureNeverCounts(bytes32 r, bytes32 s, uint8 sv, uint256 position) public {
        openDeal(DEAL, AMOUNT);
        VM.warp(T0 + TIMELOCK);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sigs = signQuorum(v);
        position = bound(position, 0, 2);
        bytes memory forged = bytes.concat(sigs);
        bytes memory blob = abi.encodePacked(r, s, sv);
        for (uint256 i = 0; i < 65; ++i) {
            forged[position * 65 + i] = blob[i];
        }
        VM.assume(keccak256(forged) != keccak256(sigs));
        (bool ok,) = address(escrow).call(abi.encodeCall(TokentaEscrow.release, (v, forged)));
        VM.assertFalse(ok, "forged set rejected");
        VM.assertEq(uint256(stateOf(DEAL)), uint256(TokentaEscrow.DealState.Open), "still open");
    }

    /// @dev The high-s twin of any valid signature is rejected, on verdicts and authorisations.
    function testFuzz_highSAlwaysRejected(uint256 key, bytes32 evidence) public {
        key = bound(key, 1, N - 1);
        VM.assume(key != BUYER_KEY);
        openDeal(DEAL, AMOUNT);
        VM.warp(T0 + TIMELOCK);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        v.evidenceDigest = evidence == bytes32(0) ? bytes32(uint256(1)) : evidence;
        bytes memory sigs = signQuorum(v);
        uint256 position = uint256(evidence) % 3;
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.HighS.selector, position));
        escrow.release(v, malleate(sigs, position));

        TokentaEscrow.DealTerms memory t = terms(keccak256(abi.encode(key)), 1e6);
        bytes memory auth = authorize(escrow, t, BUYER_KEY);
        VM.prank(operator);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.HighS.selector, 0));
        escrow.open(t, malleate(auth, 0));
    }

    /// @dev Only the buyer's own key authorises a deal on the buyer's balance.
    function testFuzz_onlyBuyerKeyAuthorizes(uint256 key, uint256 amount) public {
        key = key % 4 == 0 ? BUYER_KEY : bound(key, 1, N - 1);
        amount = bound(amount, 1, FUNDS);
        TokentaEscrow.DealTerms memory t = terms(DEAL, amount);
        bytes memory sig = authorize(escrow, t, key);
        VM.prank(operator);
        (bool ok,) = address(escrow).call(abi.encodeCall(TokentaEscrow.open, (t, sig)));
        VM.assertEq(ok, key == BUYER_KEY, "authorisation");
        VM.assertEq(free(buyer), ok ? FUNDS - amount : FUNDS, "buyer balance");
    }

    /// @dev A verdict counts only while issuedAt <= now <= expiresAt.
    function testFuzz_verdictValidityWindow(uint64 issuedOffset, uint64 validFor, uint256 at) public {
        openDeal(DEAL, AMOUNT);
        issuedOffset = uint64(bound(issuedOffset, 0, 2 days));
        validFor = uint64(bound(validFor, 0, 2 days));
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        v.issuedAt = uint64(T0) + issuedOffset;
        v.expiresAt = v.issuedAt + validFor;
        bytes memory sigs = signQuorum(v);
        at = bound(at, T0 + TIMELOCK, T0 + LIFETIME);
        VM.warp(at);
        (bool ok,) = address(escrow).call(abi.encodeCall(TokentaEscrow.release, (v, sigs)));
        VM.assertEq(ok, at >= v.issuedAt && at <= v.expiresAt, "validity window");
    }
}
