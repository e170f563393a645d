// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

/// @notice Minimal ERC-20 bookkeeping shared by the odd test tokens below.
abstract contract BaseTestToken {
    mapping(address account => uint256 amount) public balanceOf;
    mapping(address owner => mapping(address spender => uint256 amount)) public allowance;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function _move(address from, address to, uint256 amount) internal {
        require(balanceOf[from] >= amount, "balance");
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
    }

    function _spend(address from, uint256 amount) internal {
        require(allowance[from][msg.sender] >= amount, "allowance");
        allowance[from][msg.sender] -= amount;
    }
}

/// @notice Returns nothing from transfer / transferFrom (USDT on Ethereum).
contract NoReturnToken is BaseTestToken {
    function transfer(address to, uint256 amount) external {
        _move(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external {
        _spend(from, amount);
        _move(from, to, amount);
    }
}

/// @notice Moves the funds and then returns false (Tron USDT's transfer).
contract FalseReturnToken is BaseTestToken {
    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return false;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        _spend(from, amount);
        _move(from, to, amount);
        return false;
    }
}

/// @notice Once told to lie, returns true but moves nothing: the escrow must notice from the
/// balance. Honest until then, so funds can first be deposited.
contract LyingToken is BaseTestToken {
    bool public lying;

    function setLying(bool value) external {
        lying = value;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        if (!lying) _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        if (!lying) {
            _spend(from, amount);
            _move(from, to, amount);
        }
        return true;
    }
}

/// @notice Calls back into a target during transfer / transferFrom with a prepared payload and
/// records whether the re-entry succeeded (it swallows the failure so the outer call continues).
contract ReentrantToken is BaseTestToken {
    address public target;
    bytes public payload;
    bool public attempted;
    bool public reentered;
    bytes public reentryError;

    function arm(address newTarget, bytes calldata newPayload) external {
        target = newTarget;
        payload = newPayload;
        attempted = false;
        reentered = false;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        _reenter();
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        _spend(from, amount);
        _move(from, to, amount);
        _reenter();
        return true;
    }

    function _reenter() private {
        if (target == address(0) || attempted) return;
        attempted = true;
        (bool ok, bytes memory err) = target.call(payload);
        reentered = ok;
        reentryError = err;
    }
}
