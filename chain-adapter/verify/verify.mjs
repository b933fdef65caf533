#!/usr/bin/env node
// Checks a work receipt or an edge's reward against the chain with public tools alone: OpenZeppelin's
// Merkle tree library for the proof, and any JSON-RPC node of the chain for the settlement. The platform's
// API (or a file with what it returned) only says where to look; every value that matters is checked.
//
//   node verify.mjs receipt <taskId>         (--api <url> | --file <path>) --rpc <url> [--registry <address>]
//   node verify.mjs reward <epoch> <address> (--api <url> | --file <path>) --rpc <url> [--registry <address>]
//
// Exit status: 0 every check passed, 1 a check failed, 2 usage, input or network error.

import { readFile } from "node:fs/promises";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  AbiCoder,
  Contract,
  FetchRequest,
  Interface,
  JsonRpcProvider,
  Network,
  getAddress,
  isAddress,
  isHexString,
  keccak256,
} from "ethers";

const RECEIPT_TYPES = ["bytes32", "address", "uint8", "uint256", "uint64", "bytes32"];
const REWARD_TYPES = ["uint64", "address", "uint256"];
const KINDS = ["STORE", "DELIVER", "PIN", "TRANSCODE", "INFER"];
const FEE_TOTALS = "tuple(uint256 creators, uint256 edges, uint256 validators, uint256 treasury, uint256 burned)";

// Built from the Solidity signatures in chain-adapter/contracts/src, not from generated artefacts.
const REGISTRY = new Interface([
  `event EpochCommitted(uint64 indexed epoch, bytes32 receiptsRoot, bytes32 rewardsRoot, ${FEE_TOTALS} totals, bytes32 previous, bytes32 indexed commitment)`,
  "function commitmentOf(uint64 epoch) view returns (bytes32)",
  "function rewardsRootOf(uint64 epoch) view returns (bytes32)",
]);
const DISTRIBUTOR = new Interface([
  "function registry() view returns (address)",
  "function isClaimed(uint64 epoch, address edge, uint256 amount) view returns (bool)",
]);
const RPC_TIMEOUT_MS = 15_000;
const OVERALL_TIMEOUT_MS = 60_000;

const USAGE = `usage:
  node verify.mjs receipt <taskId> (--api <url> | --file <path>) --rpc <url> [--registry <address>]
  node verify.mjs reward <epoch> <address> (--api <url> | --file <path>) --rpc <url> [--registry <address>]

  --api       the platform's base URL (e.g. http://localhost:8080): reads /v1/chain/receipts/<taskId>
              or /v1/chain/rewards/<epoch>/<address>
  --file      a file holding that same JSON instead
  --rpc       a JSON-RPC URL of the chain (your own node, or any public one)
  --registry  the SettlementRegistry address you know independently; without it the API's is used`;

/** Input, usage or network trouble: the checks could not be run (exit 2). */
class Unverifiable extends Error {}

class Report {
  failures = 0;

  ok(message) {
    console.log(`ok   ${message}`);
  }

  fail(message) {
    this.failures++;
    console.log(`FAIL ${message}`);
  }

  info(message) {
    console.log(`info ${message}`);
  }

  check(passed, okMessage, failMessage) {
    if (passed) {
      this.ok(okMessage);
    } else {
      this.fail(failMessage);
    }
    return passed;
  }
}

function parseArgs(argv) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") {
      throw new Unverifiable(USAGE);
    }
    if (arg.startsWith("--")) {
      const name = arg.slice(2);
      if (!["api", "file", "rpc", "registry"].includes(name)) {
        throw new Unverifiable(`unknown option ${arg}\n${USAGE}`);
      }
      if (i + 1 >= argv.length) {
        throw new Unverifiable(`${arg} needs a value\n${USAGE}`);
      }
      options[name] = argv[++i];
    } else {
      positional.push(arg);
    }
  }
  const [what, ...rest] = positional;
  if (what === "receipt" && rest.length === 1) {
    if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(rest[0])) {
      throw new Unverifiable(`taskId must be a UUID, got '${rest[0]}'`);
    }
    options.taskId = rest[0].toLowerCase();
  } else if (what === "reward" && rest.length === 2) {
    if (!/^[0-9]{1,20}$/.test(rest[0]) || BigInt(rest[0]) >= 2n ** 64n) {
      throw new Unverifiable(`epoch must be a uint64, got '${rest[0]}'`);
    }
    if (!isAddress(rest[1])) {
      throw new Unverifiable(`address must be a 0x-prefixed 20-byte hex address, got '${rest[1]}'`);
    }
    options.epoch = BigInt(rest[0]);
    options.address = getAddress(rest[1].toLowerCase());
  } else {
    throw new Unverifiable(USAGE);
  }
  if ((options.api == null) === (options.file == null)) {
    throw new Unverifiable(`give exactly one of --api and --file\n${USAGE}`);
  }
  if (options.rpc == null) {
    throw new Unverifiable(`--rpc is required\n${USAGE}`);
  }
  if (options.registry != null && !isAddress(options.registry)) {
    throw new Unverifiable(`--registry must be an address, got '${options.registry}'`);
  }
  return { what, ...options };
}

/** JSON.parse that keeps integers beyond 2^53 exact (a uint256 may arrive as a JSON number). */
function parseJson(text, source) {
  const exact = text.replace(/("(?:[^"\\]|\\.)*")|(?<![\d.eE+-])(-?\d{16,})(?![\d.eE])/g, (match, string, number) =>
    string ?? `"${number}"`,
  );
  try {
    return JSON.parse(exact);
  } catch (e) {
    throw new Unverifiable(`${source} is not JSON: ${e.message}`);
  }
}

async function load(options) {
  if (options.file != null) {
    let text;
    try {
      text = await readFile(options.file, "utf8");
    } catch (e) {
      throw new Unverifiable(`cannot read ${options.file}: ${e.message}`);
    }
    return parseJson(text, options.file);
  }
  const path =
    options.what === "receipt"
      ? `/v1/chain/receipts/${options.taskId}`
      : `/v1/chain/rewards/${options.epoch}/${options.address.toLowerCase()}`;
  const url = options.api.replace(/\/+$/, "") + path;
  let response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(RPC_TIMEOUT_MS) });
  } catch (e) {
    throw new Unverifiable(`GET ${url} failed: ${e.cause?.message ?? e.message}`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Unverifiable(`GET ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return parseJson(text, url);
}

function bytes32(value) {
  return typeof value === "string" && isHexString(value, 32) ? value.toLowerCase() : null;
}

function uint(value) {
  try {
    const n = BigInt(value);
    return n >= 0n ? n : null;
  } catch {
    return null;
  }
}

function sameAddress(a, b) {
  return isAddress(a) && isAddress(b) && a.toLowerCase() === b.toLowerCase();
}

function required(value, what) {
  if (value == null) {
    throw new Unverifiable(`the input has no ${what}`);
  }
  return value;
}

/** The receipt's leaf, checked against the task asked about. */
function receiptLeaf(options, proof, report) {
  const receipt = required(proof.receipt, "proof.receipt");
  const taskIdBytes32 = "0x" + options.taskId.replaceAll("-", "").padStart(64, "0");
  const kindCode = Number(receipt.kindCode);
  const units = uint(receipt.units);
  const epoch = uint(receipt.epoch);
  const node = isAddress(receipt.node) ? getAddress(String(receipt.node).toLowerCase()) : null;
  const proofRef = bytes32(receipt.proofRef);
  if (units == null || epoch == null || node == null || proofRef == null || !Number.isInteger(kindCode)) {
    throw new Unverifiable(`the receipt's fields are malformed: ${JSON.stringify(receipt)}`);
  }
  report.check(
    String(receipt.taskId).toLowerCase() === options.taskId && bytes32(receipt.taskIdBytes32) === taskIdBytes32,
    `proof is for task ${options.taskId} (leaf taskId ${taskIdBytes32})`,
    `proof is for task ${receipt.taskId} / ${receipt.taskIdBytes32}, not ${options.taskId} (${taskIdBytes32})`,
  );
  const encoding = JSON.stringify(proof.leafEncoding);
  report.check(
    encoding === JSON.stringify(RECEIPT_TYPES),
    `leaf encoding is (${RECEIPT_TYPES.join(",")})`,
    `leaf encoding ${encoding} is not (${RECEIPT_TYPES.join(",")}); checking with the latter`,
  );
  report.check(
    KINDS[kindCode] === receipt.kind,
    `kind ${receipt.kind} is code ${kindCode}`,
    `kind ${receipt.kind} is not code ${receipt.kindCode}`,
  );
  return { types: RECEIPT_TYPES, values: [taskIdBytes32, node, kindCode, units, epoch, proofRef], epoch };
}

/** The reward's leaf, checked against the epoch and edge asked about. */
function rewardLeaf(options, proof, report) {
  const leaf = proof.leaf;
  if (leaf == null) {
    report.fail(`edge ${options.address} has no reward leaf in epoch ${options.epoch} (it earned nothing)`);
    return null;
  }
  const epoch = uint(leaf.epoch);
  const amount = uint(leaf.amount);
  if (epoch == null || amount == null || !isAddress(leaf.address)) {
    throw new Unverifiable(`the reward leaf is malformed: ${JSON.stringify(leaf)}`);
  }
  report.check(
    epoch === options.epoch && sameAddress(leaf.address, options.address),
    `proof is for edge ${options.address} in epoch ${options.epoch} (amount ${amount})`,
    `proof is for edge ${leaf.address} in epoch ${epoch}, not ${options.address} in epoch ${options.epoch}`,
  );
  const encoding = JSON.stringify(proof.leafTypes);
  report.check(
    encoding === JSON.stringify(REWARD_TYPES),
    `leaf encoding is (${REWARD_TYPES.join(",")})`,
    `leaf encoding ${encoding} is not (${REWARD_TYPES.join(",")}); checking with the latter`,
  );
  return { types: REWARD_TYPES, values: [epoch, getAddress(leaf.address.toLowerCase()), amount], epoch };
}

/** (a) The leaf is the claimed value's and it is in the tree whose root the proof names. */
function checkTree(leaf, proof, report) {
  const root = bytes32(proof.root);
  const siblings = Array.isArray(proof.proof) ? proof.proof.map(bytes32) : null;
  if (root == null || siblings == null || siblings.includes(null)) {
    throw new Unverifiable("the proof needs a bytes32 root and a list of bytes32 proof nodes");
  }
  const leafHash = keccak256(keccak256(AbiCoder.defaultAbiCoder().encode(leaf.types, leaf.values)));
  report.check(
    bytes32(proof.leafHash) === leafHash,
    `leaf hash ${leafHash} is keccak256(keccak256(abi.encode(leaf)))`,
    `leaf hash: the leaf's values hash to ${leafHash}, the proof says ${proof.leafHash}`,
  );
  let inTree;
  try {
    inTree = StandardMerkleTree.verify(root, leaf.types, leaf.values, siblings);
  } catch (e) {
    inTree = false;
  }
  report.check(
    inTree,
    `leaf is in the tree of root ${root} (${siblings.length} proof nodes, OpenZeppelin StandardMerkleTree.verify)`,
    `leaf is in the tree: StandardMerkleTree.verify does not reach root ${root} from this leaf and proof`,
  );
  return root;
}

function isNetworkError(e) {
  return ["NETWORK_ERROR", "TIMEOUT", "SERVER_ERROR", "UNKNOWN_ERROR"].includes(e?.code) || e instanceof TypeError;
}

async function connect(rpc) {
  const request = () => {
    const r = new FetchRequest(rpc);
    r.timeout = RPC_TIMEOUT_MS;
    return r;
  };
  let chainId;
  try {
    // the raw answer, not a network ethers detected and cached
    const probe = new JsonRpcProvider(request(), undefined, { staticNetwork: true, batchMaxCount: 1 });
    const [reply] = await probe._send({ id: 1, jsonrpc: "2.0", method: "eth_chainId", params: [] });
    probe.destroy();
    if (reply?.result == null) {
      throw new Error(JSON.stringify(reply?.error ?? reply));
    }
    chainId = BigInt(reply.result);
  } catch (e) {
    throw new Unverifiable(`the JSON-RPC node at ${rpc} does not answer eth_chainId: ${e.shortMessage ?? e.message}`);
  }
  const provider = new JsonRpcProvider(request(), undefined, {
    staticNetwork: Network.from(chainId),
    batchMaxCount: 1,
  });
  return { provider, chainId };
}

/** Runs an on-chain read; a node that fails is exit 2, a contract that answers wrongly is a FAIL. */
async function read(what, call, report) {
  try {
    return { value: await call() };
  } catch (e) {
    if (isNetworkError(e)) {
      throw new Unverifiable(`${what}: the node failed: ${e.shortMessage ?? e.message}`);
    }
    report.fail(`${what}: ${e.shortMessage ?? e.message}`);
    return null;
  }
}

/** (b) and (c): the root was committed on this chain by the registry, in this epoch's commitment. */
async function checkChain(options, input, leaf, root, report) {
  const settlement = required(input.settlement, "settlement");
  const kind = options.what === "receipt" ? "receiptsRoot" : "rewardsRoot";
  const epoch = leaf.epoch;
  const { provider, chainId } = await connect(options.rpc);
  try {
    report.check(
      uint(settlement.chainId) === chainId,
      `chain id ${chainId} (eth_chainId) is the settlement's`,
      `chain id: the node at --rpc is chain ${chainId}, the settlement is on chain ${settlement.chainId}`,
    );
    let registry = settlement.registry;
    if (options.registry != null) {
      report.check(
        sameAddress(registry, options.registry),
        `registry ${options.registry} (--registry) is the settlement's`,
        `registry: the settlement names ${registry}, not ${options.registry} (--registry)`,
      );
      registry = options.registry;
    } else {
      report.info(`registry ${registry} as the input names it; pass --registry <address> to pin it`);
    }
    if (!isAddress(registry)) {
      throw new Unverifiable(`the settlement names no registry address: ${registry}`);
    }
    registry = getAddress(registry.toLowerCase());
    const txHash = bytes32(settlement.txHash);
    if (txHash == null) {
      throw new Unverifiable(`the settlement names no transaction: ${settlement.txHash}`);
    }

    const fetched = await read(`transaction ${txHash}`, () => provider.getTransactionReceipt(txHash), report);
    const receipt = fetched?.value;
    if (fetched != null && receipt == null) {
      report.fail(`transaction ${txHash} is not on this chain`);
    }
    let log = null;
    if (receipt != null) {
      report.check(
        receipt.status === 1 && sameAddress(receipt.to, registry),
        `transaction ${txHash} succeeded in block ${receipt.blockNumber}, sent to registry ${registry}`,
        `transaction ${txHash}: status ${receipt.status}, sent to ${receipt.to}, expected a success sent to ${registry}`,
      );
      const topic = REGISTRY.getEvent("EpochCommitted").topicHash;
      const commits = receipt.logs.filter((l) => sameAddress(l.address, registry) && l.topics[0] === topic);
      const ofEpoch = commits.filter((l) => BigInt(l.topics[1]) === epoch);
      if (ofEpoch.length === 1 && commits.length === 1) {
        log = REGISTRY.parseLog(ofEpoch[0]);
        report.ok(`transaction holds the EpochCommitted log of epoch ${epoch}`);
      } else {
        const epochs = commits.map((l) => BigInt(l.topics[1]).toString());
        report.fail(`transaction holds EpochCommitted logs of epochs [${epochs.join(", ")}], not exactly one of epoch ${epoch}`);
      }
    }

    let commitment = null;
    if (log != null) {
      const { receiptsRoot, rewardsRoot, totals, previous } = log.args;
      const committedRoot = kind === "receiptsRoot" ? receiptsRoot : rewardsRoot;
      report.check(
        committedRoot.toLowerCase() === root,
        `committed ${kind} equals the proof's root`,
        `committed ${kind} ${committedRoot} is not the proof's root ${root}`,
      );
      const encoded = AbiCoder.defaultAbiCoder().encode(
        ["uint64", "bytes32", "bytes32", FEE_TOTALS, "bytes32"],
        [epoch, receiptsRoot, rewardsRoot, [...totals], previous],
      );
      commitment = keccak256(encoded);
      report.check(
        commitment === log.args.commitment.toLowerCase(),
        `commitment ${commitment} is keccak256(abi.encode(epoch, receiptsRoot, rewardsRoot, totals, previous)) of the log`,
        `commitment: the log's fields hash to ${commitment}, the log says ${log.args.commitment}`,
      );
      report.info(
        `epoch ${epoch} fee totals: creators ${totals.creators}, edges ${totals.edges}, validators ${totals.validators},` +
          ` treasury ${totals.treasury}, burned ${totals.burned}; previous commitment ${previous}`,
      );
    }

    const contract = new Contract(registry, REGISTRY, provider);
    const stored = await read(`registry.commitmentOf(${epoch})`, () => contract.commitmentOf(epoch), report);
    if (stored != null) {
      const value = stored.value.toLowerCase();
      report.check(
        commitment != null && value === commitment,
        `registry.commitmentOf(${epoch}) on chain equals the commitment`,
        `registry.commitmentOf(${epoch}) on chain is ${value}, not the recomputed ${commitment ?? "(none)"}`,
      );
    }
    if (options.what === "reward") {
      await checkDistributor(options, input, leaf, root, registry, provider, contract, report);
    }
  } finally {
    provider.destroy();
  }
}

async function checkDistributor(options, input, leaf, root, registry, provider, contract, report) {
  const epoch = leaf.epoch;
  const stored = await read(`registry.rewardsRootOf(${epoch})`, () => contract.rewardsRootOf(epoch), report);
  if (stored != null) {
    report.check(
      stored.value.toLowerCase() === root,
      `registry.rewardsRootOf(${epoch}) on chain equals the proof's root`,
      `registry.rewardsRootOf(${epoch}) on chain is ${stored.value}, not the proof's root ${root}`,
    );
  }
  if (!isAddress(input.contract)) {
    report.info("no distributor address in the input: claim state not read");
    return;
  }
  const distributor = new Contract(getAddress(input.contract.toLowerCase()), DISTRIBUTOR, provider);
  const source = await read(`distributor ${input.contract}.registry()`, () => distributor.registry(), report);
  if (source == null) {
    return;
  }
  if (
    !report.check(
      sameAddress(source.value, registry),
      `distributor ${input.contract} pays against registry ${registry}`,
      `distributor ${input.contract} reads its roots from ${source.value}, not registry ${registry}`,
    )
  ) {
    return;
  }
  const claimed = await read(
    `distributor.isClaimed(${leaf.values.join(", ")})`,
    () => distributor.isClaimed(...leaf.values),
    report,
  );
  if (claimed != null) {
    report.info(`reward ${claimed.value ? "was claimed already" : "is not claimed yet"}`);
  }
}

async function main(argv) {
  const options = parseArgs(argv);
  const input = await load(options);
  const proof = required(input.proof, "proof");
  const report = new Report();
  const leaf = options.what === "receipt" ? receiptLeaf(options, proof, report) : rewardLeaf(options, proof, report);
  if (leaf != null) {
    const root = checkTree(leaf, proof, report);
    await checkChain(options, input, leaf, root, report);
  }
  if (report.failures > 0) {
    console.log(`${report.failures} check(s) FAILED`);
    return 1;
  }
  console.log(`all checks passed: the ${options.what} is committed on chain ${input.settlement.chainId}`);
  return 0;
}

const watchdog = setTimeout(() => {
  console.error(`gave up after ${OVERALL_TIMEOUT_MS / 1000} s`);
  process.exit(2);
}, OVERALL_TIMEOUT_MS);
watchdog.unref();

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Unverifiable ? e.message : `error: ${e?.stack ?? e}`);
    process.exit(2);
  },
);
