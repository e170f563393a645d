// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {EscrowFixture} from "./utils/EscrowFixture.sol";
import {TokentaEscrow} from "../src/TokentaEscrow.sol";
import {NoReturnToken, FalseReturnToken, LyingToken, ReentrantToken} from "./utils/TestTokens.sol";

/// @notice Replay across chains, contracts, deals and actions; malleable, duplicate, unsorted and
/// foreign signatures; reentrancy through a token; non-standard tokens; boundary-time races.
contract EscrowAttacksTest is EscrowFixture {
    bytes32 internal constant DEAL = keccak256("ESC-9001");
    bytes32 internal constant OTHER = keccak256("ESC-9002");

    function setUp() public override {
        super.setUp();
        openDeal(DEAL, AMOUNT);
        VM.warp(T0 + TIMELOCK);
    }

    // ------------------------------------------------------------------ replay

    function test_replayAcrossChainsFails() public {
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sigs = signQuorum(v); // signed for this chain id
        uint256 home = block.chainid;
        VM.chainId(home + 1);
        VM.expectRevert(); // signers recover to unregistered addresses
        escrow.release(v, sigs);
        VM.chainId(home);
        escrow.release(v, sigs);
        VM.assertEq(uint256(stateOf(DEAL)), uint256(TokentaEscrow.DealState.Released), "valid at home");
    }

    function test_replayAcrossChainsFailsForBuyerAuthorization() public {
        TokentaEscrow.DealTerms memory t = terms(OTHER, 1e6);
        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        VM.chainId(block.chainid + 5);
        VM.prank(operator);
        VM.expectRevert();
        escrow.open(t, sig);
    }

    function test_replayAcrossContractsFails() public {
        TokentaEscrow twin = deployEscrow(); // same owners, attestors, quorum
        VM.prank(buyer);
        usdt.approve(address(twin), type(uint256).max);
        usdt.mint(buyer, AMOUNT);
        VM.prank(buyer);
        twin.deposit(address(usdt), AMOUNT);

        // the buyer's authorisation for the first escrow does not open the twin's deal
        TokentaEscrow.DealTerms memory t = terms(DEAL, AMOUNT);
        bytes memory sigA = authorize(escrow, t, BUYER_KEY);
        VM.prank(operator);
        VM.expectRevert();
        twin.open(t, sigA);
        bytes memory sigB = authorize(twin, t, BUYER_KEY);
        VM.prank(operator);
        twin.open(t, sigB);

        VM.warp(block.timestamp + TIMELOCK);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sigsForFirst = signQuorum(v);
        VM.expectRevert();
        twin.release(v, sigsForFirst);
        escrow.release(v, sigsForFirst);
        twin.release(v, signVerdict(twin, v, firstKeys(3)));
    }

    function test_replayAcrossDealsFails() public {
        openDeal(OTHER, AMOUNT);
        VM.warp(block.timestamp + TIMELOCK);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sigs = signQuorum(v);
        escrow.release(v, sigs);
        v.dealId = OTHER;
        VM.expectRevert();
        escrow.release(v, sigs);
        VM.assertEq(uint256(stateOf(OTHER)), uint256(TokentaEscrow.DealState.Open), "other deal untouched");
    }

    function test_replayAcrossActionsFails() public {
        TokentaEscrow.DeliveryVerdict memory pass = verdictFor(DEAL, 1);
        bytes memory sigs = signQuorum(pass);
        TokentaEscrow.DeliveryVerdict memory flipped = pass;
        flipped.verdict = 2;
        VM.expectRevert();
        escrow.refund(flipped, sigs);
        VM.assertEq(uint256(stateOf(DEAL)), uint256(TokentaEscrow.DealState.Open), "still open");
    }

    function test_tamperedVerdictFieldsFail() public {
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sigs = signQuorum(v);
        TokentaEscrow.DeliveryVerdict memory t = v;
        t.evidenceDigest = keccak256("forged evidence");
        VM.expectRevert();
        escrow.release(t, sigs);
        t = verdictFor(DEAL, 1);
        t.scoreBps = 10_000;
        VM.expectRevert();
        escrow.release(t, sigs);
        t = verdictFor(DEAL, 1);
        ++t.expiresAt;
        VM.expectRevert();
        escrow.release(t, sigs);
    }

    // ------------------------------------------------------------------ signatures

    function test_highSTwinIsRejectedAtEachPosition() public {
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sigs = signQuorum(v);
        for (uint256 i = 0; i < 3; ++i) {
            VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.HighS.selector, i));
            escrow.release(v, malleate(sigs, i));
        }
        escrow.release(v, sigs);
    }

    function test_highSTwinRecoversSameSigner() public pure {
        bytes32 digest = keccak256("digest");
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(0xA77E5701, digest);
        bytes memory twin = malleate(abi.encodePacked(r, s, v), 0);
        bytes32 s2;
        assembly ("memory-safe") {
            s2 := mload(add(twin, 64))
        }
        address recovered = ecrecover(digest, uint8(twin[64]), r, s2);
        VM.assertEq(recovered, VM.addr(0xA77E5701), "the twin is a valid ecrecover input");
    }

    function test_duplicateSignerRejected() public {
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        uint256[] memory keys = new uint256[](3);
        keys[0] = attestorKeys[0];
        keys[1] = attestorKeys[0];
        keys[2] = attestorKeys[1];
        bytes memory sigs = signVerdict(escrow, v, keys);
        address dup = VM.addr(attestorKeys[0]);
        uint256 position = dup < VM.addr(attestorKeys[1]) ? 1 : 2;
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DuplicateSigner.selector, position, dup));
        escrow.release(v, sigs);
    }

    function test_unsortedSignersRejected() public {
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sorted = signQuorum(v);
        bytes memory reversed = abi.encodePacked(slice(sorted, 2), slice(sorted, 1), slice(sorted, 0));
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.UnsortedSigners.selector, 1));
        escrow.release(v, reversed);
        bytes memory swapped = abi.encodePacked(slice(sorted, 0), slice(sorted, 2), slice(sorted, 1));
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.UnsortedSigners.selector, 2));
        escrow.release(v, swapped);
    }

    function test_nonAttestorSignerRejected() public {
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        uint256[] memory keys = new uint256[](3);
        keys[0] = attestorKeys[0];
        keys[1] = attestorKeys[1];
        keys[2] = attestorKeys[5]; // a valid key nobody registered
        bytes memory sigs = signVerdict(escrow, v, keys);
        VM.expectRevert();
        escrow.release(v, sigs);
        // two attestors plus a stranger's signature never reach quorum, whatever the position
        uint256[] memory sorted = sortKeysBySigner(keys);
        uint256 position;
        for (uint256 i = 0; i < 3; ++i) {
            if (sorted[i] == attestorKeys[5]) position = i;
        }
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.NotAttestor.selector, position, VM.addr(attestorKeys[5])));
        escrow.release(v, sigs);
    }

    function slice(bytes memory packed, uint256 index) internal pure returns (bytes memory out) {
        out = new bytes(65);
        for (uint256 i = 0; i < 65; ++i) {
            out[i] = packed[index * 65 + i];
        }
    }

    // ------------------------------------------------------------------ boundary races

    function test_releaseAndRefundAtTheExpiryBoundary() public {
        uint64 expiresAt = uint64(T0) + LIFETIME;
        VM.warp(expiresAt);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        bytes memory sigs = signQuorum(v);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotExpired.selector, expiresAt));
        escrow.refundExpired(DEAL); // at expiresAt the deal is still releasable
        escrow.release(v, sigs);
        VM.warp(expiresAt + 1);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotOpen.selector, DEAL, TokentaEscrow.DealState.Released));
        escrow.refundExpired(DEAL);
    }

    function test_oneSecondAfterExpiryOnlyRefundWorks() public {
        uint64 expiresAt = uint64(T0) + LIFETIME;
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(DEAL, 1);
        v.expiresAt = expiresAt + 10;
        bytes memory sigs = signQuorum(v);
        VM.warp(expiresAt + 1);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealExpired.selector, expiresAt));
        escrow.release(v, sigs);
        escrow.refundExpired(DEAL);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotOpen.selector, DEAL, TokentaEscrow.DealState.Refunded));
        escrow.release(v, sigs);
        VM.assertEq(free(seller), 0, "seller unpaid");
        VM.assertEq(free(buyer), FUNDS, "buyer refunded once");
    }

    function test_timelockBoundaryAndDisputeWindow() public {
        openDeal(OTHER, AMOUNT);
        uint64 releaseAfter = uint64(block.timestamp) + TIMELOCK;
        VM.warp(releaseAfter - 1);
        VM.prank(buyer);
        escrow.dispute(OTHER); // last second of the window
        VM.warp(releaseAfter);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(OTHER, 1);
        escrow.release(v, signQuorum(v)); // first second of release, verdict issued after the dispute
        VM.assertEq(uint256(stateOf(OTHER)), uint256(TokentaEscrow.DealState.Released), "released");
    }

    function test_passAndFailRaceFirstWinsOnce() public {
        TokentaEscrow.DeliveryVerdict memory pass = verdictFor(DEAL, 1);
        TokentaEscrow.DeliveryVerdict memory fail = verdictFor(DEAL, 2);
        bytes memory passSigs = signQuorum(pass);
        bytes memory failSigs = signQuorum(fail);
        escrow.refund(fail, failSigs);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.DealNotOpen.selector, DEAL, TokentaEscrow.DealState.Refunded));
        escrow.release(pass, passSigs);
        VM.assertEq(free(seller) + free(feeRecipient), 0, "no payout to the seller side");
        VM.assertEq(usdt.balanceOf(address(escrow)), free(buyer), "books balance");
    }

    // ------------------------------------------------------------------ reentrancy

    function test_reentrantDepositIsBlocked() public {
        ReentrantToken evil = new ReentrantToken();
        address attacker = address(0xA77AC);
        evil.mint(attacker, 100);
        evil.mint(address(evil), 50);
        VM.prank(address(evil));
        evil.approve(address(escrow), 50);
        VM.prank(attacker);
        evil.approve(address(escrow), 100);
        evil.arm(address(escrow), abi.encodeCall(TokentaEscrow.deposit, (address(evil), 50)));
        VM.prank(attacker);
        escrow.deposit(address(evil), 100);
        VM.assertTrue(evil.attempted(), "re-entry attempted");
        VM.assertFalse(evil.reentered(), "re-entry failed");
        VM.assertEq(keccak256(evil.reentryError()), keccak256(err(TokentaEscrow.Reentrancy.selector)), "guard");
        VM.assertEq(escrow.balanceOf(address(evil), attacker), 100, "credited exactly what arrived");
        VM.assertEq(evil.balanceOf(address(escrow)), 100, "books balance");
    }

    function test_reentrantWithdrawIsBlocked() public {
        ReentrantToken evil = new ReentrantToken();
        address attacker = address(0xA77AC);
        evil.mint(attacker, 100);
        VM.prank(attacker);
        evil.approve(address(escrow), 100);
        VM.prank(attacker);
        escrow.deposit(address(evil), 100);
        evil.arm(address(escrow), abi.encodeCall(TokentaEscrow.refundExpired, (DEAL)));
        VM.prank(attacker);
        escrow.withdraw(address(evil), 60);
        VM.assertFalse(evil.reentered(), "re-entry failed");
        VM.assertEq(keccak256(evil.reentryError()), keccak256(err(TokentaEscrow.Reentrancy.selector)), "guard");
        VM.assertEq(escrow.balanceOf(address(evil), attacker), 40, "balance");
        VM.assertEq(evil.balanceOf(address(escrow)), 40, "books balance");
    }

    // ------------------------------------------------------------------ non-standard tokens

    function test_tokenReturningNothingWorks() public {
        NoReturnToken token = new NoReturnToken();
        roundTrip(address(token), address(token));
    }

    function test_tronStyleTokenReturningFalseOnSuccessWorks() public {
        FalseReturnToken token = new FalseReturnToken();
        roundTrip(address(token), address(token));
    }

    function test_lyingTokenIsDetected() public {
        LyingToken token = new LyingToken();
        token.mint(buyer, 1_000);
        VM.prank(buyer);
        token.approve(address(escrow), type(uint256).max);
        VM.prank(buyer);
        escrow.deposit(address(token), 600);
        token.setLying(true);
        VM.prank(buyer);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.TransferFailed.selector, address(token)));
        escrow.deposit(address(token), 400);
        VM.prank(buyer);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.TransferFailed.selector, address(token)));
        escrow.withdraw(address(token), 600);
        VM.assertEq(escrow.balanceOf(address(token), buyer), 600, "nothing changed");
    }

    /// @dev deposit → open → release → both parties withdraw, with a token given as `tokenAddr`.
    function roundTrip(address tokenAddr, address minter) internal {
        NoReturnToken(minter).mint(buyer, 10_000e6);
        VM.prank(buyer);
        NoReturnToken(tokenAddr).approve(address(escrow), type(uint256).max);
        VM.prank(buyer);
        escrow.deposit(tokenAddr, 10_000e6);
        TokentaEscrow.DealTerms memory t = terms(OTHER, 10_000e6);
        t.token = tokenAddr;
        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        VM.prank(operator);
        escrow.open(t, sig);
        VM.warp(block.timestamp + TIMELOCK);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(OTHER, 1);
        escrow.release(v, signQuorum(v));
        uint256 fee = 10_000e6 * FEE_BPS / 10_000;
        VM.prank(seller);
        escrow.withdraw(tokenAddr, 10_000e6 - fee);
        VM.prank(feeRecipient);
        escrow.withdraw(tokenAddr, fee);
        VM.assertEq(NoReturnToken(tokenAddr).balanceOf(seller), 10_000e6 - fee, "seller paid");
        VM.assertEq(NoReturnToken(tokenAddr).balanceOf(feeRecipient), fee, "fee paid");
        VM.assertEq(NoReturnToken(tokenAddr).balanceOf(address(escrow)), 0, "empty");
    }
}
