// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {TestBase} from "./utils/Vm.sol";
import {TokentaEscrow} from "../src/TokentaEscrow.sol";
import {MockStablecoin} from "../src/MockStablecoin.sol";

/// @notice Drives the escrow with random deposits, withdrawals, deals, verdicts, disputes, expiries
/// and attacks, keeping a reference model of every free balance and every deal. Calls the model
/// says must fail but succeed (or the reverse) are counted in `unexpected`.
contract EscrowHandler is TestBase {
    struct ModelDeal {
        address buyer;
        address seller;
        uint256 amount;
        uint64 releaseAfter;
        uint64 expiresAt;
        uint64 disputedAt;
        bool disputed;
        bool settled;
    }

    uint256 internal constant FEE_BPS = 100;
    uint256 internal constant MAX_DEALS = 64;

    TokentaEscrow public escrow;
    MockStablecoin public token;
    address public operator;
    address public feeRecipient;
    address public stranger = address(0xBAD);
    uint256[] internal attestorKeys;
    uint256[] internal buyerKeys;
    address[] public sellers;
    address[] public accounts; // everyone who may legitimately hold a free balance
    bytes32[] public dealIds;
    mapping(bytes32 dealId => ModelDeal deal) public model;
    mapping(address account => uint256 amount) public modelFree;
    mapping(bytes32 dealId => uint256 count) public payouts;
    uint256 public unexpected;
    uint256 public releasedCount;
    uint256 public refundedCount;
    uint256 public expiredCount;
    uint256 public disputedCount;

    constructor(TokentaEscrow escrow_, address operator_, address feeRecipient_, uint256[] memory keys) {
        escrow = escrow_;
        token = new MockStablecoin("Tether USD", "USDT"); // the handler mints
        operator = operator_;
        feeRecipient = feeRecipient_;
        attestorKeys = keys;
        for (uint256 i = 1; i <= 3; ++i) {
            buyerKeys.push(0xB0B0 + i);
            accounts.push(VM.addr(0xB0B0 + i));
            sellers.push(address(uint160(0x5E1100 + i)));
            accounts.push(address(uint160(0x5E1100 + i)));
        }
        accounts.push(feeRecipient_);
        accounts.push(stranger);
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }

    function dealCount() external view returns (uint256) {
        return dealIds.length;
    }

    // ------------------------------------------------------------------ actions

    function deposit(uint256 actorSeed, uint256 amount) external {
        address account = VM.addr(buyerKeys[actorSeed % buyerKeys.length]);
        amount = bound(amount, 1, 1_000_000e6);
        token.mint(account, amount);
        VM.startPrank(account);
        token.approve(address(escrow), amount);
        escrow.deposit(address(token), amount);
        VM.stopPrank();
        modelFree[account] += amount;
    }

    function withdraw(uint256 actorSeed, uint256 amount) external {
        address account = accounts[actorSeed % accounts.length];
        uint256 available = modelFree[account];
        amount = bound(amount, 1, available + 1);
        VM.prank(account);
        try escrow.withdraw(address(token), amount) {
            if (amount > available) ++unexpected;
            modelFree[account] -= amount;
        } catch {
            if (amount <= available) ++unexpected;
        }
    }

    function open(uint256 buyerSeed, uint256 sellerSeed, uint256 amount, uint256 timelock, uint256 lifetime) external {
        if (dealIds.length >= MAX_DEALS) return;
        uint256 key = buyerKeys[buyerSeed % buyerKeys.length];
        address buyer = VM.addr(key);
        uint256 available = modelFree[buyer];
        amount = bound(amount, 1, available + 1);
        timelock = bound(timelock, 0, 2 hours);
        lifetime = bound(lifetime, timelock + 1, timelock + 2 days);
        bytes32 dealId = keccak256(abi.encode("deal", dealIds.length));
        TokentaEscrow.DealTerms memory t = TokentaEscrow.DealTerms({
            dealId: dealId,
            buyer: buyer,
            seller: sellers[sellerSeed % sellers.length],
            token: address(token),
            amount: amount,
            releaseAfter: uint64(block.timestamp + timelock),
            expiresAt: uint64(block.timestamp + lifetime),
            authDeadline: uint64(block.timestamp)
        });
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(key, escrow.hashDealAuthorization(t));
        VM.prank(operator);
        try escrow.open(t, abi.encodePacked(r, s, v)) {
            if (amount > available) ++unexpected;
            modelFree[buyer] -= amount;
            dealIds.push(dealId);
            model[dealId] = ModelDeal(buyer, t.seller, amount, t.releaseAfter, t.expiresAt, 0, false, false);
        } catch {
            if (amount <= available) ++unexpected;
        }
    }

    function release(uint256 dealSeed, uint256 signerSeed) external {
        if (dealIds.length == 0) return;
        bytes32 dealId = dealIds[dealSeed % dealIds.length];
        ModelDeal storage d = model[dealId];
        // half the time, wait until the timelock ends (sometimes a little past it)
        if (signerSeed % 2 == 0 && block.timestamp < d.releaseAfter) {
            VM.warp(d.releaseAfter + (signerSeed >> 8) % 3);
        }
        TokentaEscrow.DeliveryVerdict memory verdict = _verdict(dealId, 1);
        bool allowed = !d.settled && block.timestamp >= d.releaseAfter && block.timestamp <= d.expiresAt
            && (!d.disputed || verdict.issuedAt > d.disputedAt);
        bytes memory sigs = _sign(verdict, 3 + (signerSeed % 3));
        VM.prank(stranger); // anyone may submit a valid verdict
        try escrow.release(verdict, sigs) {
            if (!allowed) ++unexpected;
            uint256 fee = d.amount * FEE_BPS / 10_000;
            modelFree[d.seller] += d.amount - fee;
            modelFree[feeRecipient] += fee;
            _settle(dealId);
            ++releasedCount;
        } catch {
            if (allowed) ++unexpected;
        }
    }

    function refund(uint256 dealSeed) external {
        if (dealIds.length == 0 || dealSeed % 4 != 0) return; // rarer than PASS, as in practice
        bytes32 dealId = dealIds[dealSeed % dealIds.length];
        ModelDeal storage d = model[dealId];
        TokentaEscrow.DeliveryVerdict memory verdict = _verdict(dealId, 2);
        bytes memory sigs = _sign(verdict, 3);
        try escrow.refund(verdict, sigs) {
            if (d.settled) ++unexpected;
            modelFree[d.buyer] += d.amount;
            _settle(dealId);
            ++refundedCount;
        } catch {
            if (!d.settled) ++unexpected;
        }
    }

    function refundExpired(uint256 dealSeed) external {
        if (dealIds.length == 0) return;
        bytes32 dealId = dealIds[dealSeed % dealIds.length];
        ModelDeal storage d = model[dealId];
        bool allowed = !d.settled && block.timestamp > d.expiresAt;
        VM.prank(stranger);
        try escrow.refundExpired(dealId) {
            if (!allowed) ++unexpected;
            modelFree[d.buyer] += d.amount;
            _settle(dealId);
            ++expiredCount;
        } catch {
            if (allowed) ++unexpected;
        }
    }

    function dispute(uint256 dealSeed) external {
        if (dealIds.length == 0) return;
        bytes32 dealId = dealIds[dealSeed % dealIds.length];
        ModelDeal storage d = model[dealId];
        bool allowed = !d.settled && !d.disputed && block.timestamp < d.releaseAfter;
        VM.prank(d.buyer);
        try escrow.dispute(dealId) {
            if (!allowed) ++unexpected;
            d.disputed = true;
            d.disputedAt = uint64(block.timestamp);
            ++disputedCount;
        } catch {
            if (allowed) ++unexpected;
        }
    }

    /// @dev Attacks that must never succeed: a two-attestor "quorum" padded with a stranger's
    /// signature, a verdict signed for another deal, an operator opening without the buyer.
    function attack(uint256 dealSeed, uint256 kind) external {
        if (dealIds.length == 0) return;
        bytes32 dealId = dealIds[dealSeed % dealIds.length];
        TokentaEscrow.DeliveryVerdict memory verdict = _verdict(dealId, 1);
        bytes memory sigs;
        if (kind % 3 == 0) {
            sigs = _signWith(verdict, attestorKeys[0], attestorKeys[1], 0xBAD0BAD);
        } else if (kind % 3 == 1) {
            TokentaEscrow.DeliveryVerdict memory other = _verdict(keccak256(abi.encode(dealId)), 1);
            sigs = _sign(other, 3);
        } else {
            ModelDeal storage d = model[dealId];
            TokentaEscrow.DealTerms memory t = TokentaEscrow.DealTerms({
                dealId: keccak256(abi.encode("forged", dealId, kind)),
                buyer: d.buyer,
                seller: stranger,
                token: address(token),
                amount: 1,
                releaseAfter: uint64(block.timestamp),
                expiresAt: uint64(block.timestamp + 1 days),
                authDeadline: uint64(block.timestamp)
            });
            (uint8 v, bytes32 r, bytes32 s) = VM.sign(0xBAD0BAD, escrow.hashDealAuthorization(t));
            VM.prank(operator);
            try escrow.open(t, abi.encodePacked(r, s, v)) {
                ++unexpected;
            } catch {}
            return;
        }
        VM.prank(stranger);
        try escrow.release(verdict, sigs) {
            ++unexpected;
        } catch {}
    }

    function warp(uint256 secondsAhead) external {
        VM.warp(block.timestamp + bound(secondsAhead, 1, 12 hours));
    }

    // ------------------------------------------------------------------ helpers

    function _settle(bytes32 dealId) private {
        model[dealId].settled = true;
        ++payouts[dealId];
    }

    function _verdict(bytes32 dealId, uint8 outcome) private view returns (TokentaEscrow.DeliveryVerdict memory) {
        return TokentaEscrow.DeliveryVerdict({
            dealId: dealId,
            evidenceDigest: keccak256(abi.encode(dealId, outcome)),
            stageMask: outcome == 1 ? 0x3F : 0x07,
            verdict: outcome,
            scoreBps: outcome == 1 ? 9_900 : 1_000,
            issuedAt: uint64(block.timestamp),
            expiresAt: uint64(block.timestamp + 1 hours)
        });
    }

    /// @dev Signs with the first `count` attestors in address order.
    function _sign(TokentaEscrow.DeliveryVerdict memory verdict, uint256 count) private view returns (bytes memory sigs) {
        bytes32 digest = escrow.hashVerdict(verdict);
        address previous;
        for (uint256 n = 0; n < count; ++n) {
            uint256 best;
            address bestAddr = address(type(uint160).max);
            for (uint256 i = 0; i < attestorKeys.length; ++i) {
                address a = VM.addr(attestorKeys[i]);
                if (a > previous && a <= bestAddr) {
                    best = attestorKeys[i];
                    bestAddr = a;
                }
            }
            (uint8 v, bytes32 r, bytes32 s) = VM.sign(best, digest);
            sigs = abi.encodePacked(sigs, r, s, v);
            previous = bestAddr;
        }
    }

    function _signWith(TokentaEscrow.DeliveryVerdict memory verdict, uint256 k1, uint256 k2, uint256 k3)
        private
        view
        returns (bytes memory sigs)
    {
        bytes32 digest = escrow.hashVerdict(verdict);
        uint256[3] memory keys = [k1, k2, k3];
        for (uint256 i = 1; i < 3; ++i) {
            for (uint256 j = i; j > 0 && VM.addr(keys[j - 1]) > VM.addr(keys[j]); --j) {
                (keys[j - 1], keys[j]) = (keys[j], keys[j - 1]);
            }
        }
        for (uint256 i = 0; i < 3; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = VM.sign(keys[i], digest);
            sigs = abi.encodePacked(sigs, r, s, v);
        }
    }
}

/// @notice Invariants checked after every handler call.
contract EscrowInvariantsTest is TestBase {
    TokentaEscrow internal escrow;
    MockStablecoin internal token;
    EscrowHandler internal handler;

    function setUp() public {
        VM.warp(1_000_000);
        address[] memory owners = new address[](1);
        owners[0] = address(0x0A1);
        uint256[] memory keys = new uint256[](5);
        address[] memory attestors = new address[](5);
        for (uint256 i = 0; i < 5; ++i) {
            keys[i] = 0xA77E5701 + i;
            attestors[i] = VM.addr(keys[i]);
        }
        escrow = new TokentaEscrow(owners, 1, address(0x0DE4A7), address(0xFEE), 100, attestors, 3);
        handler = new EscrowHandler(escrow, address(0x0DE4A7), address(0xFEE), keys);
        token = handler.token();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev The contract holds exactly the free balances plus the open deals.
    function invariant_booksBalance() public view {
        uint256 freeSum;
        for (uint256 i = 0; i < handler.accountCount(); ++i) {
            freeSum += escrow.balanceOf(address(token), handler.accounts(i));
        }
        uint256 openSum;
        for (uint256 i = 0; i < handler.dealCount(); ++i) {
            TokentaEscrow.Deal memory deal = escrow.getDeal(handler.dealIds(i));
            if (deal.state == TokentaEscrow.DealState.Open) openSum += deal.amount;
        }
        VM.assertEq(escrow.lockedOf(address(token)), openSum, "locked == open deals");
        VM.assertEq(token.balanceOf(address(escrow)), freeSum + openSum, "token balance == free + open");
    }

    /// @dev Every free balance equals the model's: funds reach only a deal's buyer, seller or
    /// fee recipient, and the stranger who submits verdicts and attacks never gets anything.
    function invariant_fundsGoOnlyToParties() public view {
        for (uint256 i = 0; i < handler.accountCount(); ++i) {
            address account = handler.accounts(i);
            VM.assertEq(escrow.balanceOf(address(token), account), handler.modelFree(account), "free balance == model");
        }
        VM.assertEq(escrow.balanceOf(address(token), handler.stranger()), 0, "stranger credited");
        VM.assertEq(token.balanceOf(handler.stranger()), 0, "stranger paid");
    }

    /// @dev A deal pays out at most once, and every call behaved as the model predicted.
    function invariant_payoutAtMostOnce() public view {
        for (uint256 i = 0; i < handler.dealCount(); ++i) {
            bytes32 dealId = handler.dealIds(i);
            uint256 count = handler.payouts(dealId);
            VM.assertLe(count, 1, "paid twice");
            TokentaEscrow.DealState state = escrow.getDeal(dealId).state;
            VM.assertEq(count == 1, state == TokentaEscrow.DealState.Released || state == TokentaEscrow.DealState.Refunded, "settled iff paid once");
        }
        VM.assertEq(handler.unexpected(), 0, "a call behaved other than the model predicts");
    }
}
