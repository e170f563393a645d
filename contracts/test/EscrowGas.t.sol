// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {EscrowFixture} from "./utils/EscrowFixture.sol";
import {TokentaEscrow} from "../src/TokentaEscrow.sol";

/// @notice One successful call of each settlement function on fixed inputs (3-of-5 quorum, 1% fee),
/// for scripts/gas-report. Each test also checks the call's effect.
contract EscrowGasTest is EscrowFixture {
    function test_gas_openThenRelease() public {
        bytes32 dealId = keccak256("gas-release");
        openDeal(dealId, AMOUNT);
        VM.warp(T0 + TIMELOCK);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(dealId, 1);
        bytes memory sigs = signQuorum(v);
        escrow.release(v, sigs);
        VM.assertEq(free(seller), AMOUNT - AMOUNT * FEE_BPS / 10_000, "released");
    }

    function test_gas_openThenRefund() public {
        bytes32 dealId = keccak256("gas-refund");
        openDeal(dealId, AMOUNT);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(dealId, 2);
        bytes memory sigs = signQuorum(v);
        escrow.refund(v, sigs);
        VM.assertEq(free(buyer), FUNDS, "refunded");
    }

    function test_gas_openThenRefundExpired() public {
        bytes32 dealId = keccak256("gas-expired");
        openDeal(dealId, AMOUNT);
        VM.warp(T0 + LIFETIME + 1);
        escrow.refundExpired(dealId);
        VM.assertEq(free(buyer), FUNDS, "refunded");
    }

    function test_gas_withdraw() public {
        VM.prank(buyer);
        escrow.withdraw(address(usdt), AMOUNT);
        VM.assertEq(usdt.balanceOf(buyer), AMOUNT, "withdrawn");
    }
}
