// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {TestBase} from "./Vm.sol";
import {TokentaEscrow} from "../../src/TokentaEscrow.sol";
import {MockStablecoin} from "../../src/MockStablecoin.sol";

/// @notice A deployed escrow (3 owners, threshold 2; 5 attestors, quorum 3; fee 1%), a funded
/// buyer, and helpers that sign verdicts and deal authorisations the way attestors and buyers do.
abstract contract EscrowFixture is TestBase {
    uint256 internal constant T0 = 1_000_000;
    uint256 internal constant N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    uint16 internal constant FEE_BPS = 100;
    uint256 internal constant BUYER_KEY = 0xB0B;
    uint256 internal constant FUNDS = 1_000_000e6;
    uint256 internal constant AMOUNT = 42_800e6;
    uint64 internal constant TIMELOCK = 1 hours;
    uint64 internal constant LIFETIME = 1 days;

    TokentaEscrow internal escrow;
    MockStablecoin internal usdt;
    address internal buyer;
    address internal seller = address(0x5E11E4);
    address internal operator = address(0x0DE4A7);
    address internal feeRecipient = address(0xFEE);
    address internal stranger = address(0xBAD);
    address[] internal owners;
    uint256[] internal attestorKeys;

    function setUp() public virtual {
        VM.warp(T0);
        buyer = VM.addr(BUYER_KEY);
        owners.push(address(0x0A1));
        owners.push(address(0x0A2));
        owners.push(address(0x0A3));
        for (uint256 i = 1; i <= 6; ++i) {
            attestorKeys.push(0xA77E5700 + i);
        }
        escrow = deployEscrow();
        usdt = new MockStablecoin("Tether USD", "USDT");
        usdt.mint(buyer, FUNDS);
        VM.prank(buyer);
        usdt.approve(address(escrow), type(uint256).max);
        VM.prank(buyer);
        escrow.deposit(address(usdt), FUNDS);
    }

    /// @dev Attestors are the first five keys; the sixth is a well-formed key nobody registered.
    function deployEscrow() internal returns (TokentaEscrow) {
        address[] memory attestors = new address[](5);
        for (uint256 i = 0; i < 5; ++i) {
            attestors[i] = VM.addr(attestorKeys[i]);
        }
        return new TokentaEscrow(owners, 2, operator, feeRecipient, FEE_BPS, attestors, 3);
    }

    // ------------------------------------------------------------------ governance helpers

    /// @dev Owner 0 proposes (its own confirmation counts as the first).
    function propose(TokentaEscrow.Action action, address target, uint256 value) internal returns (uint256 id) {
        VM.prank(owners[0]);
        id = escrow.propose(action, target, value);
    }

    /// @dev Owner 1 confirms (the threshold of two is met), owner 2 executes.
    function confirmAndExecute(uint256 id) internal {
        VM.prank(owners[1]);
        escrow.confirm(id);
        VM.prank(owners[2]);
        escrow.execute(id);
    }

    /// @dev A whole multisig round: proposed, confirmed and executed by three different owners.
    function proposeAndExecute(TokentaEscrow.Action action, address target, uint256 value) internal returns (uint256 id) {
        id = propose(action, target, value);
        confirmAndExecute(id);
    }

    // ------------------------------------------------------------------ deal helpers

    function terms(bytes32 dealId, uint256 amount) internal view returns (TokentaEscrow.DealTerms memory) {
        return TokentaEscrow.DealTerms({
            dealId: dealId,
            buyer: buyer,
            seller: seller,
            token: address(usdt),
            amount: amount,
            releaseAfter: uint64(block.timestamp) + TIMELOCK,
            expiresAt: uint64(block.timestamp) + LIFETIME,
            authDeadline: uint64(block.timestamp) + 10 minutes
        });
    }

    function authorize(TokentaEscrow target, TokentaEscrow.DealTerms memory t, uint256 key)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(key, target.hashDealAuthorization(t));
        return abi.encodePacked(r, s, v);
    }

    function openDeal(bytes32 dealId, uint256 amount) internal returns (TokentaEscrow.DealTerms memory t) {
        t = terms(dealId, amount);
        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        VM.prank(operator);
        escrow.open(t, sig);
    }

    // ------------------------------------------------------------------ verdict helpers

    function verdictFor(bytes32 dealId, uint8 outcome) internal view returns (TokentaEscrow.DeliveryVerdict memory) {
        return TokentaEscrow.DeliveryVerdict({
            dealId: dealId,
            evidenceDigest: keccak256(abi.encode("evidence", dealId)),
            stageMask: outcome == 1 ? 0x3F : 0x0F,
            verdict: outcome,
            scoreBps: outcome == 1 ? 9_960 : 3_000,
            issuedAt: uint64(block.timestamp),
            expiresAt: uint64(block.timestamp) + LIFETIME
        });
    }

    /// @dev Signs with attestor keys at `indexes`, sorted by signer address as the contract needs.
    function signVerdict(TokentaEscrow target, TokentaEscrow.DeliveryVerdict memory verdict, uint256[] memory keys)
        internal
        view
        returns (bytes memory packed)
    {
        bytes32 digest = target.hashVerdict(verdict);
        uint256[] memory sorted = sortKeysBySigner(keys);
        for (uint256 i = 0; i < sorted.length; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = VM.sign(sorted[i], digest);
            packed = abi.encodePacked(packed, r, s, v);
        }
    }

    function signQuorum(TokentaEscrow.DeliveryVerdict memory verdict) internal view returns (bytes memory) {
        return signVerdict(escrow, verdict, firstKeys(3));
    }

    function firstKeys(uint256 count) internal view returns (uint256[] memory keys) {
        keys = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            keys[i] = attestorKeys[i];
        }
    }

    function sortKeysBySigner(uint256[] memory keys) internal pure returns (uint256[] memory sorted) {
        sorted = new uint256[](keys.length);
        for (uint256 i = 0; i < keys.length; ++i) {
            sorted[i] = keys[i];
        }
        for (uint256 i = 1; i < sorted.length; ++i) {
            uint256 key = sorted[i];
            address signer = VM.addr(key);
            uint256 j = i;
            while (j > 0 && VM.addr(sorted[j - 1]) > signer) {
                sorted[j] = sorted[j - 1];
                --j;
            }
            sorted[j] = key;
        }
    }

    /// @dev The malleable twin of a low-s signature: same signer, s' = n - s, v flipped.
    function malleate(bytes memory packed, uint256 index) internal pure returns (bytes memory out) {
        out = bytes.concat(packed); // a copy: callers keep the original
        uint256 offset = index * 65;
        bytes32 s;
        assembly ("memory-safe") {
            s := mload(add(add(out, 32), add(offset, 32)))
        }
        bytes32 highS = bytes32(N - uint256(s));
        uint8 v = uint8(out[offset + 64]);
        assembly ("memory-safe") {
            mstore(add(add(out, 32), add(offset, 32)), highS)
        }
        out[offset + 64] = bytes1(v == 27 ? 28 : 27);
    }

    function free(address account) internal view returns (uint256) {
        return escrow.balanceOf(address(usdt), account);
    }

    function stateOf(bytes32 dealId) internal view returns (TokentaEscrow.DealState) {
        return escrow.getDeal(dealId).state;
    }

    function err(bytes4 selector) internal pure returns (bytes memory) {
        return abi.encodePacked(selector);
    }
}
