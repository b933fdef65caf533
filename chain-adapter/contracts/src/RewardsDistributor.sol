// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @notice The part of the registry the distributor reads.
interface IRewardsRoots {
    /// @notice The rewards root of a committed epoch (zero when not committed).
    function rewardsRootOf(uint64 epoch) external view returns (bytes32);
}

/// @title RewardsDistributor
/// @notice Pays edges their per-epoch rewards against the rewards roots committed in the SettlementRegistry.
/// @dev Leaves are OpenZeppelin StandardMerkleTree leaves of (uint64 epoch, address edge, uint256 amount), as
/// billing-service's RewardTree builds them. Anyone may submit a claim; the funds always go to the edge.
contract RewardsDistributor {
    using SafeERC20 for IERC20;
    using BitMaps for BitMaps.BitMap;

    /// @notice The leaf was claimed already.
    error AlreadyClaimed(uint64 epoch, address edge);
    /// @notice The proof does not reach the epoch's rewards root.
    error InvalidProof();

    /// @notice An edge was paid its reward for an epoch.
    event Claimed(uint64 indexed epoch, address indexed edge, uint256 amount);

    /// @notice Where the rewards roots come from.
    IRewardsRoots public immutable registry;
    /// @notice The reward token; address(0) pays in the native token.
    IERC20 public immutable token;

    // keyed by the leaf hash, which already contains the epoch: one bit per (epoch, edge, amount)
    BitMaps.BitMap private claimed;

    constructor(IRewardsRoots registry_, IERC20 token_) {
        registry = registry_;
        token = token_;
    }

    /// @notice Funds native-token rewards.
    receive() external payable {}

    /// @notice Pays `edge` its `amount` for `epoch` when `proof` reaches the epoch's rewards root.
    function claim(uint64 epoch, address edge, uint256 amount, bytes32[] calldata proof) external {
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(epoch, edge, amount))));
        if (!MerkleProof.verifyCalldata(proof, registry.rewardsRootOf(epoch), leaf)) {
            revert InvalidProof();
        }
        uint256 key = uint256(leaf);
        if (claimed.get(key)) {
            revert AlreadyClaimed(epoch, edge);
        }
        claimed.set(key);
        emit Claimed(epoch, edge, amount);
        if (address(token) == address(0)) {
            Address.sendValue(payable(edge), amount);
        } else {
            token.safeTransfer(edge, amount);
        }
    }

    /// @notice Whether the leaf (epoch, edge, amount) was claimed.
    function isClaimed(uint64 epoch, address edge, uint256 amount) external view returns (bool) {
        return claimed.get(uint256(keccak256(bytes.concat(keccak256(abi.encode(epoch, edge, amount))))));
    }
}
