// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {EscrowFixture} from "./utils/EscrowFixture.sol";
import {TokentaEscrow} from "../src/TokentaEscrow.sol";
import {MockStablecoin} from "../src/MockStablecoin.sol";

/// @notice The owner multisig (propose / confirm / revoke / execute), each governed action, pause,
/// constructor validation and the mock stablecoin's own rules.
contract EscrowGovernanceTest is EscrowFixture {
    event AttestorAdded(address indexed attestor);
    event AttestorRemoved(address indexed attestor);
    event QuorumChanged(uint256 oldQuorum, uint256 newQuorum);
    event OperatorChanged(address indexed oldOperator, address indexed newOperator);
    event FeeRecipientChanged(address indexed oldRecipient, address indexed newRecipient);
    event FeeChanged(uint16 oldFeeBps, uint16 newFeeBps);
    event Paused(address indexed account);
    event Unpaused(address indexed account);
    event ProposalCreated(
        uint256 indexed proposalId, address indexed proposer, TokentaEscrow.Action action, address target, uint256 value
    );
    event ProposalConfirmed(uint256 indexed proposalId, address indexed owner, uint256 confirmations);
    event ProposalRevoked(uint256 indexed proposalId, address indexed owner, uint256 confirmations);
    event ProposalExecuted(uint256 indexed proposalId, address indexed executor);

    /// @dev Proposed and confirmed by two owners: the next `execute` runs the action.
    function ready(TokentaEscrow.Action action, address target, uint256 value) internal returns (uint256 id) {
        id = propose(action, target, value);
        VM.prank(owners[1]);
        escrow.confirm(id);
    }

    function exec(uint256 id) internal {
        VM.prank(owners[2]);
        escrow.execute(id);
    }

    /// @dev Proposed and confirmed by two owners, then executed by the confirming owner: reverts with `reason`.
    function executeReverts(TokentaEscrow.Action action, address target, uint256 value, bytes memory reason) internal {
        uint256 id = ready(action, target, value);
        VM.prank(owners[1]);
        VM.expectRevert(reason);
        escrow.execute(id);
    }

    function test_constructorState() public view {
        VM.assertEq(escrow.OWNER_COUNT(), 3, "owners");
        VM.assertEq(escrow.OWNER_THRESHOLD(), 2, "threshold");
        VM.assertEq(escrow.attestorCount(), 5, "attestors");
        VM.assertEq(escrow.quorum(), 3, "quorum");
        VM.assertEq(escrow.operator(), operator, "operator");
        VM.assertEq(escrow.feeRecipient(), feeRecipient, "fee recipient");
        VM.assertEq(escrow.feeBps(), FEE_BPS, "fee");
        VM.assertTrue(escrow.isOwner(owners[2]), "owner");
        VM.assertTrue(escrow.isAttestor(VM.addr(attestorKeys[4])), "attestor");
        VM.assertFalse(escrow.isAttestor(VM.addr(attestorKeys[5])), "sixth key unregistered");
    }

    function test_proposalFlowEmitsAndCountsConfirmations() public {
        address newcomer = VM.addr(attestorKeys[5]);
        VM.expectEmit(true, true, true, true);
        emit ProposalCreated(1, owners[0], TokentaEscrow.Action.AddAttestor, newcomer, 0);
        VM.expectEmit(true, true, true, true);
        emit ProposalConfirmed(1, owners[0], 1);
        uint256 id = propose(TokentaEscrow.Action.AddAttestor, newcomer, 0);
        VM.assertEq(escrow.getProposal(id).confirmations, 1, "proposer counted");

        VM.prank(owners[2]);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.ThresholdNotMet.selector, 1, 2));
        escrow.execute(id);

        VM.prank(owners[1]);
        escrow.confirm(id);
        VM.expectEmit(true, true, true, true);
        emit AttestorAdded(newcomer);
        VM.expectEmit(true, true, true, true);
        emit ProposalExecuted(id, owners[2]);
        VM.prank(owners[2]);
        escrow.execute(id);
        VM.assertTrue(escrow.isAttestor(newcomer), "added");
        VM.assertEq(escrow.attestorCount(), 6, "count");
        VM.assertTrue(escrow.getProposal(id).executed, "executed");

        VM.prank(owners[2]);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.AlreadyExecuted.selector, id));
        escrow.execute(id);
        VM.prank(owners[2]);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.AlreadyExecuted.selector, id));
        escrow.confirm(id);
    }

    function test_onlyOwnersGovern() public {
        VM.prank(stranger);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.NotOwner.selector, stranger));
        escrow.propose(TokentaEscrow.Action.SetQuorum, address(0), 4);
        uint256 id = propose(TokentaEscrow.Action.SetQuorum, address(0), 4);
        VM.startPrank(operator);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.NotOwner.selector, operator));
        escrow.confirm(id);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.NotOwner.selector, operator));
        escrow.revoke(id);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.NotOwner.selector, operator));
        escrow.execute(id);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.NotOwner.selector, operator));
        escrow.pause();
        VM.stopPrank();
    }

    function test_confirmTwiceAndUnknownProposalRevert() public {
        uint256 id = propose(TokentaEscrow.Action.SetQuorum, address(0), 4);
        VM.prank(owners[0]);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.AlreadyConfirmed.selector, id));
        escrow.confirm(id);
        VM.prank(owners[1]);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.UnknownProposal.selector, 2));
        escrow.confirm(2);
        VM.prank(owners[1]);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.UnknownProposal.selector, 0));
        escrow.execute(0);
    }

    function test_revokeWithdrawsAConfirmation() public {
        uint256 id = propose(TokentaEscrow.Action.SetQuorum, address(0), 4);
        VM.prank(owners[1]);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.NotConfirmed.selector, id));
        escrow.revoke(id);
        VM.prank(owners[1]);
        escrow.confirm(id);
        VM.expectEmit(true, true, true, true);
        emit ProposalRevoked(id, owners[0], 1);
        VM.prank(owners[0]);
        escrow.revoke(id);
        VM.assertFalse(escrow.confirmedBy(id, owners[0]), "revoked");
        VM.prank(owners[1]);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.ThresholdNotMet.selector, 1, 2));
        escrow.execute(id);
        VM.prank(owners[2]);
        escrow.confirm(id);
        VM.prank(owners[2]);
        escrow.execute(id);
        VM.assertEq(escrow.quorum(), 4, "quorum after re-confirmation");
    }

    function test_setQuorumBounds() public {
        executeReverts(
            TokentaEscrow.Action.SetQuorum,
            address(0),
            2,
            abi.encodeWithSelector(TokentaEscrow.InvalidQuorum.selector, 2, 5)
        );
        executeReverts(
            TokentaEscrow.Action.SetQuorum,
            address(0),
            6,
            abi.encodeWithSelector(TokentaEscrow.InvalidQuorum.selector, 6, 5)
        );
        uint256 id = ready(TokentaEscrow.Action.SetQuorum, address(0), 5);
        VM.expectEmit(true, true, true, true);
        emit QuorumChanged(3, 5);
        exec(id);
        VM.assertEq(escrow.quorum(), 5, "quorum");
    }

    function test_raisedQuorumIsEnforcedOnRelease() public {
        confirmAndExecute(propose(TokentaEscrow.Action.SetQuorum, address(0), 4));
        bytes32 dealId = keccak256("quorum-4");
        openDeal(dealId, AMOUNT);
        VM.warp(T0 + TIMELOCK);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(dealId, 1);
        bytes memory three = signQuorum(v);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InsufficientSignatures.selector, 3, 4));
        escrow.release(v, three);
        escrow.release(v, signVerdict(escrow, v, firstKeys(4)));
        VM.assertEq(uint256(stateOf(dealId)), uint256(TokentaEscrow.DealState.Released), "released with 4");
    }

    function test_removeAttestorStopsItsSignatures() public {
        address removed = VM.addr(attestorKeys[0]);
        uint256 id = ready(TokentaEscrow.Action.RemoveAttestor, removed, 0);
        VM.expectEmit(true, true, true, true);
        emit AttestorRemoved(removed);
        exec(id);
        VM.assertFalse(escrow.isAttestor(removed), "removed");
        VM.assertEq(escrow.attestorCount(), 4, "count");

        bytes32 dealId = keccak256("removed");
        openDeal(dealId, AMOUNT);
        VM.warp(T0 + TIMELOCK);
        TokentaEscrow.DeliveryVerdict memory v = verdictFor(dealId, 1);
        bytes memory sigs = signQuorum(v); // includes the removed attestor
        VM.expectRevert(); // NotAttestor at the removed signer's sorted position
        escrow.release(v, sigs);
        uint256[] memory keys = new uint256[](3);
        keys[0] = attestorKeys[1];
        keys[1] = attestorKeys[2];
        keys[2] = attestorKeys[3];
        escrow.release(v, signVerdict(escrow, v, keys));
    }

    function test_removeAttestorRules() public {
        executeReverts(
            TokentaEscrow.Action.RemoveAttestor,
            stranger,
            0,
            abi.encodeWithSelector(TokentaEscrow.UnknownAttestor.selector, stranger)
        );

        confirmAndExecute(propose(TokentaEscrow.Action.SetQuorum, address(0), 5));
        executeReverts(
            TokentaEscrow.Action.RemoveAttestor,
            VM.addr(attestorKeys[0]),
            0,
            abi.encodeWithSelector(TokentaEscrow.InvalidQuorum.selector, 5, 4)
        );
    }

    function test_addAttestorRules() public {
        address existing = VM.addr(attestorKeys[0]);
        executeReverts(
            TokentaEscrow.Action.AddAttestor,
            existing,
            0,
            abi.encodeWithSelector(TokentaEscrow.AttestorExists.selector, existing)
        );
        executeReverts(TokentaEscrow.Action.AddAttestor, address(0), 0, err(TokentaEscrow.ZeroAddress.selector));
    }

    function test_attestorSetIsBounded() public {
        for (uint256 i = 0; i < 27; ++i) {
            confirmAndExecute(propose(TokentaEscrow.Action.AddAttestor, address(uint160(0x1000 + i)), 0));
        }
        VM.assertEq(escrow.attestorCount(), 32, "full");
        executeReverts(
            TokentaEscrow.Action.AddAttestor, address(0x2000), 0, err(TokentaEscrow.TooManyAttestors.selector)
        );
    }

    function test_setOperatorFeeRecipientAndFee() public {
        address newOperator = address(0x0DE4A8);
        uint256 idSetOperator = ready(TokentaEscrow.Action.SetOperator, newOperator, 0);
        VM.expectEmit(true, true, true, true);
        emit OperatorChanged(operator, newOperator);
        exec(idSetOperator);
        VM.assertEq(escrow.operator(), newOperator, "operator");

        address newRecipient = address(0xFEE2);
        uint256 idSetFeeRecipient = ready(TokentaEscrow.Action.SetFeeRecipient, newRecipient, 0);
        VM.expectEmit(true, true, true, true);
        emit FeeRecipientChanged(feeRecipient, newRecipient);
        exec(idSetFeeRecipient);
        VM.assertEq(escrow.feeRecipient(), newRecipient, "recipient");

        uint256 idSetFeeBps = ready(TokentaEscrow.Action.SetFeeBps, address(0), 250);
        VM.expectEmit(true, true, true, true);
        emit FeeChanged(FEE_BPS, 250);
        exec(idSetFeeBps);
        VM.assertEq(escrow.feeBps(), 250, "fee");

        // the old operator can no longer open
        TokentaEscrow.DealTerms memory t = terms(keccak256("op"), 1e6);
        bytes memory sig = authorize(escrow, t, BUYER_KEY);
        VM.prank(operator);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.NotOperator.selector, operator));
        escrow.open(t, sig);
        VM.prank(newOperator);
        escrow.open(t, sig);
    }

    function test_governedSettersRejectBadValues() public {
        executeReverts(
            TokentaEscrow.Action.SetFeeBps,
            address(0),
            1_001,
            abi.encodeWithSelector(TokentaEscrow.FeeTooHigh.selector, 1_001)
        );
        executeReverts(
            TokentaEscrow.Action.SetFeeBps,
            address(0),
            65_536 + 10,
            abi.encodeWithSelector(TokentaEscrow.FeeTooHigh.selector, 65_546)
        );
        executeReverts(TokentaEscrow.Action.SetOperator, address(0), 0, err(TokentaEscrow.ZeroAddress.selector));
        executeReverts(TokentaEscrow.Action.SetFeeRecipient, address(0), 0, err(TokentaEscrow.ZeroAddress.selector));
    }

    function test_pauseByOneOwnerUnpauseByMultisig() public {
        VM.expectEmit(true, true, true, true);
        emit Paused(owners[2]);
        VM.prank(owners[2]);
        escrow.pause();
        VM.assertTrue(escrow.paused(), "paused");
        VM.prank(owners[0]);
        VM.expectRevert(err(TokentaEscrow.AlreadyPaused.selector));
        escrow.pause();
        uint256 id = propose(TokentaEscrow.Action.Unpause, address(0), 0);
        VM.prank(owners[1]);
        escrow.confirm(id);
        VM.expectEmit(true, true, true, true);
        emit Unpaused(owners[1]);
        VM.prank(owners[1]);
        escrow.execute(id);
        VM.assertFalse(escrow.paused(), "unpaused");

        executeReverts(TokentaEscrow.Action.Unpause, address(0), 0, err(TokentaEscrow.NotPaused.selector));
    }

    function test_disputeStillPossibleWhilePaused() public {
        bytes32 dealId = keccak256("paused-dispute");
        openDeal(dealId, AMOUNT);
        VM.prank(owners[0]);
        escrow.pause();
        VM.prank(buyer);
        escrow.dispute(dealId);
        VM.assertTrue(escrow.getDeal(dealId).disputed, "buyer protection survives a pause");
    }

    // ------------------------------------------------------------------ constructor

    function test_constructorRejectsBadOwners() public {
        address[] memory attestors = attestorAddresses(5);
        address[] memory none = new address[](0);
        VM.expectRevert(err(TokentaEscrow.InvalidOwners.selector));
        new TokentaEscrow(none, 1, operator, feeRecipient, 0, attestors, 3);
        address[] memory dup = new address[](2);
        dup[0] = owners[0];
        dup[1] = owners[0];
        VM.expectRevert(err(TokentaEscrow.InvalidOwners.selector));
        new TokentaEscrow(dup, 1, operator, feeRecipient, 0, attestors, 3);
        dup[1] = address(0);
        VM.expectRevert(err(TokentaEscrow.InvalidOwners.selector));
        new TokentaEscrow(dup, 1, operator, feeRecipient, 0, attestors, 3);
        address[] memory many = new address[](17);
        for (uint256 i = 0; i < 17; ++i) {
            many[i] = address(uint160(0x100 + i));
        }
        VM.expectRevert(err(TokentaEscrow.InvalidOwners.selector));
        new TokentaEscrow(many, 1, operator, feeRecipient, 0, attestors, 3);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InvalidThreshold.selector, 0));
        new TokentaEscrow(owners, 0, operator, feeRecipient, 0, attestors, 3);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InvalidThreshold.selector, 4));
        new TokentaEscrow(owners, 4, operator, feeRecipient, 0, attestors, 3);
    }

    function test_constructorRejectsBadSettings() public {
        address[] memory attestors = attestorAddresses(5);
        VM.expectRevert(err(TokentaEscrow.ZeroAddress.selector));
        new TokentaEscrow(owners, 2, address(0), feeRecipient, 0, attestors, 3);
        VM.expectRevert(err(TokentaEscrow.ZeroAddress.selector));
        new TokentaEscrow(owners, 2, operator, address(0), 0, attestors, 3);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.FeeTooHigh.selector, 1_001));
        new TokentaEscrow(owners, 2, operator, feeRecipient, 1_001, attestors, 3);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InvalidQuorum.selector, 2, 5));
        new TokentaEscrow(owners, 2, operator, feeRecipient, 0, attestors, 2);
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.InvalidQuorum.selector, 3, 2));
        new TokentaEscrow(owners, 2, operator, feeRecipient, 0, attestorAddresses(2), 3);
        address[] memory dup = attestorAddresses(3);
        dup[2] = dup[0];
        VM.expectRevert(abi.encodeWithSelector(TokentaEscrow.AttestorExists.selector, dup[0]));
        new TokentaEscrow(owners, 2, operator, feeRecipient, 0, dup, 3);
        address[] memory many = new address[](33);
        for (uint256 i = 0; i < 33; ++i) {
            many[i] = address(uint160(0x100 + i));
        }
        VM.expectRevert(err(TokentaEscrow.TooManyAttestors.selector));
        new TokentaEscrow(owners, 2, operator, feeRecipient, 0, many, 3);
    }

    function attestorAddresses(uint256 count) internal view returns (address[] memory list) {
        list = new address[](count);
        for (uint256 i = 0; i < count; ++i) {
            list[i] = VM.addr(attestorKeys[i]);
        }
    }

    // ------------------------------------------------------------------ mock stablecoin

    function test_mockStablecoinRules() public {
        VM.assertEq(usdt.decimals(), 6, "decimals");
        VM.prank(stranger);
        VM.expectRevert(abi.encodeWithSelector(MockStablecoin.NotMinter.selector, stranger));
        usdt.mint(stranger, 1);
        VM.expectRevert(err(MockStablecoin.ZeroAddress.selector));
        usdt.mint(address(0), 1);
        usdt.mint(stranger, 10);
        VM.assertEq(usdt.totalSupply(), FUNDS + 10, "supply");
        VM.prank(stranger);
        VM.expectRevert(abi.encodeWithSelector(MockStablecoin.InsufficientBalance.selector, 10, 11));
        usdt.transfer(seller, 11);
        VM.prank(stranger);
        VM.expectRevert(err(MockStablecoin.ZeroAddress.selector));
        usdt.transfer(address(0), 1);
        VM.prank(seller);
        VM.expectRevert(abi.encodeWithSelector(MockStablecoin.InsufficientAllowance.selector, 0, 5));
        usdt.transferFrom(stranger, seller, 5);
        VM.prank(stranger);
        usdt.approve(seller, 5);
        VM.prank(seller);
        usdt.transferFrom(stranger, seller, 5);
        VM.assertEq(usdt.balanceOf(seller), 5, "moved");
        VM.assertEq(usdt.allowance(stranger, seller), 0, "allowance spent");
    }
}
