// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title SettlementRegistry
/// @notice The on-chain record of settled epochs: per epoch, the Merkle roots of the usage receipts and of the
/// edges' rewards, the fee totals, and a commitment that chains each epoch to the one before it.
/// @dev commitment = keccak256(abi.encode(epoch, receiptsRoot, rewardsRoot, totals, previous)). Storage holds only
/// what contracts must read (the rewards root, for claims) and the commitment; the receipts root and the totals
/// are in the EpochCommitted event, and anyone checks them by recomputing the commitment from it. Two fresh slots
/// per epoch keep a commit under 100,000 gas. The admin grants and revokes COMMITTER_ROLE, which is how the
/// committing key is rotated.
contract SettlementRegistry is AccessControl {
    /// @notice The role allowed to commit epochs.
    bytes32 public constant COMMITTER_ROLE = keccak256("COMMITTER_ROLE");

    /// @notice How an epoch's fees were split, in base units of the fee token.
    struct FeeTotals {
        uint256 creators;
        uint256 edges;
        uint256 validators;
        uint256 treasury;
        uint256 burned;
    }

    /// @notice The epoch was committed already, or is older than the latest committed epoch.
    error EpochAlreadyCommitted(uint64 epoch);
    /// @notice `previous` is not the latest commitment.
    error PreviousCommitmentMismatch(bytes32 expected, bytes32 given);

    /// @notice An epoch was committed.
    event EpochCommitted(
        uint64 indexed epoch,
        bytes32 receiptsRoot,
        bytes32 rewardsRoot,
        FeeTotals totals,
        bytes32 previous,
        bytes32 indexed commitment
    );

    mapping(uint64 => bytes32) private commitments;
    mapping(uint64 => bytes32) private rewardsRoots;
    bytes32 private latestHash;
    uint64 private latest;

    /// @param admin the account that grants and revokes roles
    /// @param committer the first committing account (may be address(0) to grant later)
    constructor(address admin, address committer) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (committer != address(0)) {
            _grantRole(COMMITTER_ROLE, committer);
        }
    }

    /// @notice Commits an epoch after the latest one, chained to the latest commitment.
    /// @param previous the latest commitment (zero for the first epoch)
    /// @return commitment the hash that the next epoch must name as its `previous`
    function commitEpoch(
        uint64 epoch,
        bytes32 receiptsRoot,
        bytes32 rewardsRoot,
        FeeTotals calldata totals,
        bytes32 previous
    ) external onlyRole(COMMITTER_ROLE) returns (bytes32 commitment) {
        bytes32 head = latestHash;
        // a commitment is never zero, so a zero head means nothing was committed yet
        if (head != bytes32(0) && epoch <= latest) {
            revert EpochAlreadyCommitted(epoch);
        }
        if (previous != head) {
            revert PreviousCommitmentMismatch(head, previous);
        }
        commitment = keccak256(abi.encode(epoch, receiptsRoot, rewardsRoot, totals, previous));
        commitments[epoch] = commitment;
        if (rewardsRoot != bytes32(0)) {
            rewardsRoots[epoch] = rewardsRoot;
        }
        latest = epoch;
        latestHash = commitment;
        emit EpochCommitted(epoch, receiptsRoot, rewardsRoot, totals, previous, commitment);
    }

    /// @notice The commitment of a committed epoch (zero when not committed).
    function commitmentOf(uint64 epoch) external view returns (bytes32) {
        return commitments[epoch];
    }

    /// @notice The rewards root of a committed epoch (zero when not committed, which no proof reaches).
    function rewardsRootOf(uint64 epoch) external view returns (bytes32) {
        return rewardsRoots[epoch];
    }

    /// @notice The latest committed epoch (zero before the first commit).
    function latestEpoch() external view returns (uint64) {
        return latest;
    }

    /// @notice The latest commitment (zero before the first commit).
    function latestCommitment() external view returns (bytes32) {
        return latestHash;
    }
}
