// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

/// @notice The ERC-20 calls the escrow makes. Return values are declared as in the standard, but
/// the escrow calls `transfer`/`transferFrom` at low level and judges success by balance change.
interface IERC20 {
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}
