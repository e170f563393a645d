// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {IERC20} from "./IERC20.sol";

/// @title TokentaEscrow
/// @notice Holds ERC-20 stablecoins for Tokenta deals. Users deposit into a free balance and pull
/// it out with `withdraw`. The operator opens a deal only with the buyer's EIP-712 authorisation of
/// that exact deal; the amount moves from the buyer's free balance into the deal. A quorum of
/// registered attestors settles the deal with a signed `DeliveryVerdict`: PASS credits the seller
/// (minus a fee credited to the fee recipient), FAIL credits the buyer back; after expiry anyone can
/// refund the buyer. Settlement only moves internal balances (pull payments): tokens leave the
/// contract through `withdraw` alone. Attestors, quorum, operator, fee and unpause change only
/// through an M-of-N owner multisig (propose / confirm / execute).
contract TokentaEscrow {
    // ------------------------------------------------------------------ types

    enum DealState {
        None,
        Open,
        Released,
        Refunded
    }

    enum RefundReason {
        None,
        FailVerdict,
        Expired
    }

    enum Action {
        AddAttestor,
        RemoveAttestor,
        SetQuorum,
        SetOperator,
        SetFeeRecipient,
        SetFeeBps,
        Unpause
    }

    /// @notice The attestors' signed statement about one deal's delivery (EIP-712 struct, flat).
    struct DeliveryVerdict {
        bytes32 dealId;
        bytes32 evidenceDigest;
        uint8 stageMask;
        uint8 verdict;
        uint16 scoreBps;
        uint64 issuedAt;
        uint64 expiresAt;
    }

    /// @notice A deal exactly as the buyer authorised it (EIP-712 struct, flat).
    struct DealTerms {
        bytes32 dealId;
        address buyer;
        address seller;
        address token;
        uint256 amount;
        uint64 releaseAfter;
        uint64 expiresAt;
        uint64 authDeadline;
    }

    struct Deal {
        address buyer;
        uint64 releaseAfter;
        DealState state;
        bool disputed;
        uint16 feeBps;
        address seller;
        uint64 expiresAt;
        address token;
        uint64 disputedAt;
        uint256 amount;
        bytes32 evidenceDigest;
    }

    struct Proposal {
        Action action;
        bool executed;
        uint32 confirmations;
        address target;
        uint256 value;
    }

    // ------------------------------------------------------------------ constants

    uint8 public constant VERDICT_PASS = 1;
    uint8 public constant VERDICT_FAIL = 2;
    /// @notice A PASS verdict must cover all six verification stages (bits 0..5).
    uint8 public constant ALL_STAGES = 0x3F;
    uint256 public constant MIN_QUORUM = 3;
    uint256 public constant MAX_ATTESTORS = 32;
    uint256 public constant MAX_OWNERS = 16;
    uint16 public constant MAX_FEE_BPS = 1_000;
    uint16 public constant BPS = 10_000;
    uint256 private constant SIGNATURE_LENGTH = 65;
    /// @dev secp256k1n / 2: signatures with a larger s are the malleable twin and are rejected.
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    bytes32 public constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 public constant VERDICT_TYPEHASH = keccak256(
        "DeliveryVerdict(bytes32 dealId,bytes32 evidenceDigest,uint8 stageMask,uint8 verdict,uint16 scoreBps,uint64 issuedAt,uint64 expiresAt)"
    );
    bytes32 public constant DEAL_TYPEHASH = keccak256(
        "DealAuthorization(bytes32 dealId,address buyer,address seller,address token,uint256 amount,uint64 releaseAfter,uint64 expiresAt,uint64 authDeadline)"
    );
    bytes32 private constant NAME_HASH = keccak256("TokentaEscrow");
    bytes32 private constant VERSION_HASH = keccak256("1");

    // ------------------------------------------------------------------ state

    mapping(address token => mapping(address account => uint256 amount)) public balanceOf;
    /// @notice Per token: the sum of all open deals' amounts (free balances are in `balanceOf`).
    mapping(address token => uint256 amount) public lockedOf;
    mapping(bytes32 dealId => Deal deal) private deals;

    mapping(address account => bool registered) public isAttestor;
    uint256 public attestorCount;
    uint256 public quorum;

    mapping(address account => bool owner) public isOwner;
    uint256 public immutable OWNER_COUNT;
    uint256 public immutable OWNER_THRESHOLD;
    uint256 public proposalCount;
    mapping(uint256 proposalId => Proposal proposal) private proposals;
    mapping(uint256 proposalId => mapping(address owner => bool confirmed)) public confirmedBy;

    address public operator;
    address public feeRecipient;
    uint16 public feeBps;
    bool public paused;
    uint256 private reentrancyLock = 1;

    // ------------------------------------------------------------------ events

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
        bytes32 indexed dealId, address indexed buyer, bytes32 indexed evidenceDigest, address token, uint256 amount, RefundReason reason
    );
    event DisputeOpened(bytes32 indexed dealId, address indexed buyer, uint64 disputedAt);
    event DisputeResolved(bytes32 indexed dealId, bytes32 indexed evidenceDigest, uint8 verdict);
    event AttestorAdded(address indexed attestor);
    event AttestorRemoved(address indexed attestor);
    event QuorumChanged(uint256 oldQuorum, uint256 newQuorum);
    event OperatorChanged(address indexed oldOperator, address indexed newOperator);
    event FeeRecipientChanged(address indexed oldRecipient, address indexed newRecipient);
    event FeeChanged(uint16 oldFeeBps, uint16 newFeeBps);
    event Paused(address indexed account);
    event Unpaused(address indexed account);
    event ProposalCreated(uint256 indexed proposalId, address indexed proposer, Action action, address target, uint256 value);
    event ProposalConfirmed(uint256 indexed proposalId, address indexed owner, uint256 confirmations);
    event ProposalRevoked(uint256 indexed proposalId, address indexed owner, uint256 confirmations);
    event ProposalExecuted(uint256 indexed proposalId, address indexed executor);

    // ------------------------------------------------------------------ errors

    error Reentrancy();
    error EnforcedPause();
    error NotOperator(address caller);
    error NotOwner(address caller);
    error NotBuyer(address caller);
    error ZeroAddress();
    error ZeroAmount();
    error InsufficientBalance(uint256 available, uint256 required);
    error TransferFailed(address token);
    error DealExists(bytes32 dealId);
    error DealNotOpen(bytes32 dealId, DealState state);
    error InvalidParties();
    error InvalidDealTimes(uint64 releaseAfter, uint64 expiresAt);
    error AuthorizationExpired(uint64 authDeadline);
    error InvalidBuyerSignature(address recovered);
    error InvalidSignatureLength(uint256 length);
    error TooManySignatures(uint256 count);
    error HighS(uint256 index);
    error InvalidV(uint256 index);
    error InvalidSignature(uint256 index);
    error NotAttestor(uint256 index, address signer);
    error DuplicateSigner(uint256 index, address signer);
    error UnsortedSigners(uint256 index);
    error InsufficientSignatures(uint256 count, uint256 required);
    error WrongVerdict(uint8 verdict);
    error InvalidVerdictFields();
    error ZeroEvidence();
    error IncompleteStages(uint8 stageMask);
    error VerdictNotValidNow(uint64 issuedAt, uint64 expiresAt);
    error TimelockActive(uint64 releaseAfter);
    error DealExpired(uint64 expiresAt);
    error DealNotExpired(uint64 expiresAt);
    error AlreadyDisputed(bytes32 dealId);
    error DisputeWindowClosed(uint64 releaseAfter);
    error StaleVerdict(uint64 issuedAt, uint64 disputedAt);
    error InvalidOwners();
    error InvalidThreshold(uint256 threshold);
    error UnknownProposal(uint256 proposalId);
    error AlreadyConfirmed(uint256 proposalId);
    error NotConfirmed(uint256 proposalId);
    error AlreadyExecuted(uint256 proposalId);
    error ThresholdNotMet(uint256 confirmations, uint256 threshold);
    error AttestorExists(address attestor);
    error UnknownAttestor(address attestor);
    error TooManyAttestors();
    error InvalidQuorum(uint256 quorum, uint256 attestorCount);
    error FeeTooHigh(uint256 feeBps);
    error AlreadyPaused();
    error NotPaused();

    // ------------------------------------------------------------------ modifiers

    modifier nonReentrant() {
        if (reentrancyLock != 1) revert Reentrancy();
        reentrancyLock = 2;
        _;
        reentrancyLock = 1;
    }

    modifier whenNotPaused() {
        if (paused) revert EnforcedPause();
        _;
    }

    modifier onlyOwner() {
        if (!isOwner[msg.sender]) revert NotOwner(msg.sender);
        _;
    }

    // ------------------------------------------------------------------ construction

    /// @param owners the multisig owners (1..MAX_OWNERS distinct, non-zero)
    /// @param ownerThreshold confirmations needed to execute a proposal (1..owners.length)
    /// @param attestors the initial attestor set
    /// @param initialQuorum signatures needed on a verdict (MIN_QUORUM..attestors.length)
    constructor(
        address[] memory owners,
        uint256 ownerThreshold,
        address initialOperator,
        address initialFeeRecipient,
        uint16 initialFeeBps,
        address[] memory attestors,
        uint256 initialQuorum
    ) {
        if (owners.length == 0 || owners.length > MAX_OWNERS) revert InvalidOwners();
        if (ownerThreshold == 0 || ownerThreshold > owners.length) revert InvalidThreshold(ownerThreshold);
        for (uint256 i = 0; i < owners.length; ++i) {
            if (owners[i] == address(0) || isOwner[owners[i]]) revert InvalidOwners();
            isOwner[owners[i]] = true;
        }
        OWNER_COUNT = owners.length;
        OWNER_THRESHOLD = ownerThreshold;
        _setOperator(initialOperator);
        _setFeeRecipient(initialFeeRecipient);
        _setFeeBps(initialFeeBps);
        for (uint256 i = 0; i < attestors.length; ++i) {
            _addAttestor(attestors[i]);
        }
        _setQuorum(initialQuorum);
    }

    // ------------------------------------------------------------------ balances

    /// @notice Pulls `amount` of `token` from the caller (after `approve`) into the caller's free
    /// balance. The credit is the contract's actual balance change, so the books hold for tokens
    /// that take a fee or return nothing / false from `transferFrom`.
    function deposit(address token, uint256 amount) external nonReentrant whenNotPaused {
        if (token == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        uint256 before = _tokenBalance(token);
        _callToken(token, abi.encodeCall(IERC20.transferFrom, (msg.sender, address(this), amount)));
        uint256 received = _tokenBalance(token) - before;
        if (received == 0) revert TransferFailed(token);
        balanceOf[token][msg.sender] += received;
        emit Deposited(msg.sender, token, received);
    }

    /// @notice Sends `amount` of the caller's free balance of `token` to the caller.
    function withdraw(address token, uint256 amount) external nonReentrant whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        uint256 available = balanceOf[token][msg.sender];
        if (available < amount) revert InsufficientBalance(available, amount);
        balanceOf[token][msg.sender] = available - amount;
        uint256 before = _tokenBalance(token);
        _callToken(token, abi.encodeCall(IERC20.transfer, (msg.sender, amount)));
        // The return value is not trusted (Tron USDT returns false on success): the balance is.
        if (before - _tokenBalance(token) != amount) revert TransferFailed(token);
        emit Withdrawn(msg.sender, token, amount);
    }

    // ------------------------------------------------------------------ deals

    /// @notice Opens a deal exactly as the buyer signed it, moving `amount` from the buyer's free
    /// balance into the deal. Operator only.
    function open(DealTerms calldata terms, bytes calldata buyerSignature) external nonReentrant whenNotPaused {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        if (terms.dealId == bytes32(0) || terms.token == address(0)) revert ZeroAddress();
        if (terms.buyer == address(0) || terms.seller == address(0) || terms.buyer == terms.seller) {
            revert InvalidParties();
        }
        if (terms.amount == 0) revert ZeroAmount();
        if (terms.releaseAfter > terms.expiresAt || terms.expiresAt <= block.timestamp) {
            revert InvalidDealTimes(terms.releaseAfter, terms.expiresAt);
        }
        if (block.timestamp > terms.authDeadline) revert AuthorizationExpired(terms.authDeadline);
        Deal storage deal = deals[terms.dealId];
        if (deal.state != DealState.None) revert DealExists(terms.dealId);
        if (buyerSignature.length != SIGNATURE_LENGTH) revert InvalidSignatureLength(buyerSignature.length);
        address recovered = _recover(hashDealAuthorization(terms), buyerSignature, 0);
        if (recovered != terms.buyer) revert InvalidBuyerSignature(recovered);

        uint256 available = balanceOf[terms.token][terms.buyer];
        if (available < terms.amount) revert InsufficientBalance(available, terms.amount);
        balanceOf[terms.token][terms.buyer] = available - terms.amount;
        lockedOf[terms.token] += terms.amount;

        deal.buyer = terms.buyer;
        deal.releaseAfter = terms.releaseAfter;
        deal.state = DealState.Open;
        deal.feeBps = feeBps;
        deal.seller = terms.seller;
        deal.expiresAt = terms.expiresAt;
        deal.token = terms.token;
        deal.amount = terms.amount;
        emit DealOpened(
            terms.dealId, terms.buyer, terms.seller, terms.token, terms.amount, terms.releaseAfter, terms.expiresAt, feeBps
        );
    }

    /// @notice Settles a deal to its seller on a PASS verdict signed by a quorum of attestors.
    /// Needs the timelock elapsed and the deal not expired; on a disputed deal the verdict must be
    /// issued after the dispute. A settled deal reverts `DealNotOpen` and changes nothing.
    function release(DeliveryVerdict calldata verdict, bytes calldata signatures) external nonReentrant whenNotPaused {
        Deal storage deal = _openDeal(verdict.dealId);
        if (verdict.verdict != VERDICT_PASS) revert WrongVerdict(verdict.verdict);
        if (verdict.stageMask != ALL_STAGES) revert IncompleteStages(verdict.stageMask);
        if (block.timestamp < deal.releaseAfter) revert TimelockActive(deal.releaseAfter);
        if (block.timestamp > deal.expiresAt) revert DealExpired(deal.expiresAt);
        bool disputed = deal.disputed;
        if (disputed && verdict.issuedAt <= deal.disputedAt) revert StaleVerdict(verdict.issuedAt, deal.disputedAt);
        _verifyQuorum(verdict, signatures);

        uint256 amount = deal.amount;
        uint256 fee = amount * deal.feeBps / BPS;
        address token = deal.token;
        address seller = deal.seller;
        address recipient = feeRecipient;
        deal.state = DealState.Released;
        deal.evidenceDigest = verdict.evidenceDigest;
        lockedOf[token] -= amount;
        balanceOf[token][seller] += amount - fee;
        balanceOf[token][recipient] += fee;
        if (disputed) emit DisputeResolved(verdict.dealId, verdict.evidenceDigest, VERDICT_PASS);
        emit DealReleased(verdict.dealId, seller, verdict.evidenceDigest, token, amount - fee, recipient, fee);
    }

    /// @notice Returns a deal to its buyer on a FAIL verdict signed by a quorum of attestors (no
    /// timelock: a failed delivery need not wait). A settled deal reverts `DealNotOpen`.
    function refund(DeliveryVerdict calldata verdict, bytes calldata signatures) external nonReentrant whenNotPaused {
        Deal storage deal = _openDeal(verdict.dealId);
        if (verdict.verdict != VERDICT_FAIL) revert WrongVerdict(verdict.verdict);
        _verifyQuorum(verdict, signatures);
        if (deal.disputed) emit DisputeResolved(verdict.dealId, verdict.evidenceDigest, VERDICT_FAIL);
        _refund(verdict.dealId, deal, verdict.evidenceDigest, RefundReason.FailVerdict);
    }

    /// @notice Returns a deal to its buyer once it expired without release. Anyone may call.
    function refundExpired(bytes32 dealId) external nonReentrant whenNotPaused {
        Deal storage deal = _openDeal(dealId);
        if (block.timestamp <= deal.expiresAt) revert DealNotExpired(deal.expiresAt);
        _refund(dealId, deal, bytes32(0), RefundReason.Expired);
    }

    /// @notice The buyer disputes a deal before its timelock ends; release then needs a verdict
    /// issued after this moment.
    function dispute(bytes32 dealId) external {
        Deal storage deal = _openDeal(dealId);
        if (msg.sender != deal.buyer) revert NotBuyer(msg.sender);
        if (deal.disputed) revert AlreadyDisputed(dealId);
        if (block.timestamp >= deal.releaseAfter) revert DisputeWindowClosed(deal.releaseAfter);
        // casting to 'uint64' is safe because timestamps stay below 2^64 for billions of years
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 nowSeconds = uint64(block.timestamp);
        deal.disputed = true;
        deal.disputedAt = nowSeconds;
        emit DisputeOpened(dealId, msg.sender, nowSeconds);
    }

    // ------------------------------------------------------------------ governance

    /// @notice Any owner pauses deposits, withdrawals, opening and settlement at once; only the
    /// multisig unpauses.
    function pause() external onlyOwner {
        if (paused) revert AlreadyPaused();
        paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Proposes a governance action; the proposer's confirmation is counted.
    function propose(Action action, address target, uint256 value) external onlyOwner returns (uint256 proposalId) {
        proposalId = ++proposalCount;
        proposals[proposalId] = Proposal({action: action, executed: false, confirmations: 0, target: target, value: value});
        emit ProposalCreated(proposalId, msg.sender, action, target, value);
        _confirm(proposalId);
    }

    function confirm(uint256 proposalId) external onlyOwner {
        _pendingProposal(proposalId);
        _confirm(proposalId);
    }

    function revoke(uint256 proposalId) external onlyOwner {
        Proposal storage proposal = _pendingProposal(proposalId);
        if (!confirmedBy[proposalId][msg.sender]) revert NotConfirmed(proposalId);
        confirmedBy[proposalId][msg.sender] = false;
        --proposal.confirmations;
        emit ProposalRevoked(proposalId, msg.sender, proposal.confirmations);
    }

    /// @notice Executes a proposal that has reached the owner threshold. The action's own checks
    /// (quorum reachable, fee bound, ...) apply at execution.
    function execute(uint256 proposalId) external onlyOwner {
        Proposal storage proposal = _pendingProposal(proposalId);
        if (proposal.confirmations < OWNER_THRESHOLD) revert ThresholdNotMet(proposal.confirmations, OWNER_THRESHOLD);
        proposal.executed = true;
        Action action = proposal.action;
        address target = proposal.target;
        uint256 value = proposal.value;
        if (action == Action.AddAttestor) {
            _addAttestor(target);
        } else if (action == Action.RemoveAttestor) {
            _removeAttestor(target);
        } else if (action == Action.SetQuorum) {
            _setQuorum(value);
        } else if (action == Action.SetOperator) {
            _setOperator(target);
        } else if (action == Action.SetFeeRecipient) {
            _setFeeRecipient(target);
        } else if (action == Action.SetFeeBps) {
            _setFeeBps(value);
        } else {
            if (!paused) revert NotPaused();
            paused = false;
            emit Unpaused(msg.sender);
        }
        emit ProposalExecuted(proposalId, msg.sender);
    }

    // ------------------------------------------------------------------ views

    function getDeal(bytes32 dealId) external view returns (Deal memory) {
        return deals[dealId];
    }

    function getProposal(uint256 proposalId) external view returns (Proposal memory) {
        return proposals[proposalId];
    }

    /// @notice The EIP-712 domain separator, bound to the current chain id and this contract.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice The EIP-712 digest the attestors sign for `verdict`.
    function hashVerdict(DeliveryVerdict calldata verdict) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                VERDICT_TYPEHASH,
                verdict.dealId,
                verdict.evidenceDigest,
                verdict.stageMask,
                verdict.verdict,
                verdict.scoreBps,
                verdict.issuedAt,
                verdict.expiresAt
            )
        );
        return _typedDigest(structHash);
    }

    /// @notice The EIP-712 digest the buyer signs to authorise `terms`.
    function hashDealAuthorization(DealTerms calldata terms) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                DEAL_TYPEHASH,
                terms.dealId,
                terms.buyer,
                terms.seller,
                terms.token,
                terms.amount,
                terms.releaseAfter,
                terms.expiresAt,
                terms.authDeadline
            )
        );
        return _typedDigest(structHash);
    }

    // ------------------------------------------------------------------ internals

    function _openDeal(bytes32 dealId) private view returns (Deal storage deal) {
        deal = deals[dealId];
        if (deal.state != DealState.Open) revert DealNotOpen(dealId, deal.state);
    }

    function _refund(bytes32 dealId, Deal storage deal, bytes32 evidenceDigest, RefundReason reason) private {
        uint256 amount = deal.amount;
        address token = deal.token;
        address buyer = deal.buyer;
        deal.state = DealState.Refunded;
        deal.evidenceDigest = evidenceDigest;
        lockedOf[token] -= amount;
        balanceOf[token][buyer] += amount;
        emit DealRefunded(dealId, buyer, evidenceDigest, token, amount, reason);
    }

    /// @dev Checks the verdict's own fields, then that `signatures` (65 bytes each: r, s, v) are
    /// low-s signatures of the verdict's digest by at least `quorum` registered attestors, sorted
    /// by strictly increasing signer address (which also rules out duplicates).
    function _verifyQuorum(DeliveryVerdict calldata verdict, bytes calldata signatures) private view {
        if (verdict.evidenceDigest == bytes32(0)) revert ZeroEvidence();
        if (verdict.scoreBps > BPS || verdict.stageMask > ALL_STAGES) revert InvalidVerdictFields();
        if (block.timestamp < verdict.issuedAt || block.timestamp > verdict.expiresAt) {
            revert VerdictNotValidNow(verdict.issuedAt, verdict.expiresAt);
        }
        if (signatures.length % SIGNATURE_LENGTH != 0) revert InvalidSignatureLength(signatures.length);
        uint256 count = signatures.length / SIGNATURE_LENGTH;
        if (count > MAX_ATTESTORS) revert TooManySignatures(count);
        if (count < quorum) revert InsufficientSignatures(count, quorum);
        bytes32 digest = hashVerdict(verdict);
        address previous = address(0);
        for (uint256 i = 0; i < count; ++i) {
            address signer = _recover(digest, signatures[i * SIGNATURE_LENGTH:(i + 1) * SIGNATURE_LENGTH], i);
            if (!isAttestor[signer]) revert NotAttestor(i, signer);
            if (signer == previous) revert DuplicateSigner(i, signer);
            if (signer < previous) revert UnsortedSigners(i);
            previous = signer;
        }
    }

    /// @dev Recovers the signer of a 65-byte (r, s, v) signature; rejects high s, bad v and
    /// signatures that recover to nobody. `index` only labels the error.
    function _recover(bytes32 digest, bytes calldata signature, uint256 index) private pure returns (address signer) {
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (uint256(s) > HALF_ORDER) revert HighS(index);
        if (v != 27 && v != 28) revert InvalidV(index);
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert InvalidSignature(index);
    }

    function _typedDigest(bytes32 structHash) private view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    function _tokenBalance(address token) private view returns (uint256) {
        if (token.code.length == 0) revert TransferFailed(token);
        return IERC20(token).balanceOf(address(this));
    }

    /// @dev Calls the token and accepts any return data: success is judged by the caller's
    /// balance check, since some tokens return nothing and Tron USDT returns false on success.
    function _callToken(address token, bytes memory data) private {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok,) = token.call(data);
        if (!ok) revert TransferFailed(token);
    }

    function _pendingProposal(uint256 proposalId) private view returns (Proposal storage proposal) {
        if (proposalId == 0 || proposalId > proposalCount) revert UnknownProposal(proposalId);
        proposal = proposals[proposalId];
        if (proposal.executed) revert AlreadyExecuted(proposalId);
    }

    function _confirm(uint256 proposalId) private {
        if (confirmedBy[proposalId][msg.sender]) revert AlreadyConfirmed(proposalId);
        confirmedBy[proposalId][msg.sender] = true;
        Proposal storage proposal = proposals[proposalId];
        ++proposal.confirmations;
        emit ProposalConfirmed(proposalId, msg.sender, proposal.confirmations);
    }

    function _addAttestor(address attestor) private {
        if (attestor == address(0)) revert ZeroAddress();
        if (isAttestor[attestor]) revert AttestorExists(attestor);
        if (attestorCount >= MAX_ATTESTORS) revert TooManyAttestors();
        isAttestor[attestor] = true;
        ++attestorCount;
        emit AttestorAdded(attestor);
    }

    function _removeAttestor(address attestor) private {
        if (!isAttestor[attestor]) revert UnknownAttestor(attestor);
        if (attestorCount - 1 < quorum) revert InvalidQuorum(quorum, attestorCount - 1);
        isAttestor[attestor] = false;
        --attestorCount;
        emit AttestorRemoved(attestor);
    }

    function _setQuorum(uint256 newQuorum) private {
        if (newQuorum < MIN_QUORUM || newQuorum > attestorCount) revert InvalidQuorum(newQuorum, attestorCount);
        emit QuorumChanged(quorum, newQuorum);
        quorum = newQuorum;
    }

    function _setOperator(address newOperator) private {
        if (newOperator == address(0)) revert ZeroAddress();
        emit OperatorChanged(operator, newOperator);
        operator = newOperator;
    }

    function _setFeeRecipient(address newRecipient) private {
        if (newRecipient == address(0)) revert ZeroAddress();
        emit FeeRecipientChanged(feeRecipient, newRecipient);
        feeRecipient = newRecipient;
    }

    function _setFeeBps(uint256 newFeeBps) private {
        if (newFeeBps > MAX_FEE_BPS) revert FeeTooHigh(newFeeBps);
        // casting to 'uint16' is safe because newFeeBps <= MAX_FEE_BPS was checked above
        // forge-lint: disable-next-line(unsafe-typecast)
        uint16 narrowed = uint16(newFeeBps);
        emit FeeChanged(feeBps, narrowed);
        feeBps = narrowed;
    }
}
