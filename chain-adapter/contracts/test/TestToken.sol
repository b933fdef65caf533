// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestToken
/// @notice An ERC-20 for tests only: its deployer mints.
contract TestToken is ERC20 {
    /// @notice Only the deployer mints.
    error NotMinter();

    address private immutable minter;

    constructor() ERC20("Test Token", "TEST") {
        minter = msg.sender;
    }

    /// @notice Mints `amount` to `to`.
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) {
            revert NotMinter();
        }
        _mint(to, amount);
    }
}
