// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title TenantDeposits
/// @notice Tenants prepay in the native token or an optional ERC-20; the platform credits them from the
/// Deposit events, and the owner moves the collected funds to the treasury.
contract TenantDeposits is Ownable {
    using SafeERC20 for IERC20;

    /// @notice A deposit of nothing.
    error ZeroAmount();
    /// @notice No ERC-20 was set at construction.
    error TokenNotAccepted();
    /// @notice The treasury is address(0).
    error ZeroTreasury();

    /// @notice `from` deposited `amount` for `tenant` (native or the token, per `token()`).
    event Deposit(bytes32 indexed tenant, address indexed from, uint256 amount);
    /// @notice Collected funds moved to the treasury; `asset` is address(0) for the native token.
    event Withdrawn(address indexed asset, address indexed treasury, uint256 amount);

    /// @notice The accepted ERC-20, address(0) when only the native token is accepted.
    IERC20 public immutable token;

    constructor(address owner_, IERC20 token_) Ownable(owner_) {
        token = token_;
    }

    /// @notice Deposits the native token sent for `tenant`.
    function deposit(bytes32 tenant) external payable {
        if (msg.value == 0) {
            revert ZeroAmount();
        }
        emit Deposit(tenant, msg.sender, msg.value);
    }

    /// @notice Deposits `amount` of the token (approved beforehand) for `tenant`.
    function depositToken(bytes32 tenant, uint256 amount) external {
        if (address(token) == address(0)) {
            revert TokenNotAccepted();
        }
        if (amount == 0) {
            revert ZeroAmount();
        }
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Deposit(tenant, msg.sender, amount);
    }

    /// @notice Moves everything collected (native and token) to `treasury`.
    function withdraw(address payable treasury) external onlyOwner {
        if (treasury == address(0)) {
            revert ZeroTreasury();
        }
        uint256 native = address(this).balance;
        if (native > 0) {
            emit Withdrawn(address(0), treasury, native);
            Address.sendValue(treasury, native);
        }
        if (address(token) != address(0)) {
            uint256 tokens = token.balanceOf(address(this));
            if (tokens > 0) {
                emit Withdrawn(address(token), treasury, tokens);
                token.safeTransfer(treasury, tokens);
            }
        }
    }
}
