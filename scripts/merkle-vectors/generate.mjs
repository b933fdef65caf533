// Writes OpenZeppelin merkle-tree reference vectors for shared-lib's Java tests.
// Run: npm ci && node generate.mjs
import { createHash } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { StandardMerkleTree, SimpleMerkleTree } from '@openzeppelin/merkle-tree';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../../shared-lib/src/test/resources/merkle/openzeppelin-vectors.json');
const libVersion = JSON.parse(
  readFileSync(resolve(here, 'node_modules/@openzeppelin/merkle-tree/package.json'), 'utf8'),
).version;

// Deterministic pseudo-random bytes: sha256(label) so vectors never change between runs.
const bytes = (label, n) => {
  let buf = Buffer.alloc(0);
  for (let i = 0; buf.length < n; i++) {
    buf = Buffer.concat([buf, createHash('sha256').update(`${label}/${i}`).digest()]);
  }
  return buf.subarray(0, n);
};
const hex = (b) => '0x' + Buffer.from(b).toString('hex');
const uint = (label, bits) => BigInt(hex(bytes(label, bits / 8)));

const RECEIPT_TYPES = ['bytes32', 'address', 'uint8', 'uint256', 'uint64', 'bytes32'];
// Java keeps epochs in a signed long, so the largest epoch a receipt can carry is 2^63-1.
const MAX_EPOCH = (1n << 63n) - 1n;
const UINT256_MAX = (1n << 256n) - 1n;

// A work receipt: taskId is a UUID's 16 bytes left-padded to 32.
// All receipts of one tree share its epoch, as in a sealed epoch.
function receipt(seed, i, epoch) {
  const label = `${seed}/${i}`;
  const taskId = hex(Buffer.concat([Buffer.alloc(16), bytes(`${label}/task`, 16)]));
  const node = hex(bytes(`${label}/node`, 20));
  const kind = i % 5;
  let units = uint(`${label}/units`, 64);
  if (i === 3) units = UINT256_MAX;
  if (i === 4) units = 0n;
  const proofRef = hex(bytes(`${label}/proof`, 32));
  return [taskId, node, kind, units, epoch, proofRef];
}

function payment(seed, i) {
  return [hex(bytes(`${seed}/${i}/addr`, 20)), uint(`${seed}/${i}/amount`, 96)];
}

const jsonValue = (v) => (typeof v === 'bigint' || typeof v === 'number' ? v.toString() : v);

function standardCase(name, types, values) {
  const tree = StandardMerkleTree.of(values, types);
  const dump = tree.dump();
  return {
    name,
    types,
    values: values.map((v) => v.map(jsonValue)),
    root: tree.root,
    tree: dump.tree,
    leaves: values.map((v, i) => ({
      hash: tree.leafHash(v),
      treeIndex: dump.values[i].treeIndex,
      proof: tree.getProof(i),
    })),
  };
}

function simpleCase(name, values) {
  const tree = SimpleMerkleTree.of(values);
  const dump = tree.dump();
  return {
    name,
    values,
    root: tree.root,
    tree: dump.tree,
    leaves: values.map((v, i) => ({
      treeIndex: dump.values[i].treeIndex,
      proof: tree.getProof(i),
    })),
  };
}

const standard = [];
for (const n of [1, 2, 3, 5, 8, 13, 100]) {
  standard.push(standardCase(`receipts-${n}`, RECEIPT_TYPES,
    Array.from({ length: n }, (_, i) => receipt(`receipts-${n}`, i, n === 13 ? MAX_EPOCH : BigInt(1000 + n)))));
}
for (const n of [4, 7]) {
  standard.push(standardCase(`address-uint256-${n}`, ['address', 'uint256'],
    Array.from({ length: n }, (_, i) => payment(`payments-${n}`, i))));
}

// Edges of the static-type encoder: uint64 max, negative int256, bool, bytes4.
const MIXED_TYPES = ['uint64', 'int256', 'bool', 'bytes4', 'uint8'];
const UINT64_MAX = (1n << 64n) - 1n;
const INT256_MIN = -(1n << 255n);
standard.push(standardCase('mixed-static-types-6', MIXED_TYPES, [
  [UINT64_MAX, -1n, true, '0xdeadbeef', 255n],
  [0n, INT256_MIN, false, '0x00000000', 0n],
  [1n, (1n << 255n) - 1n, true, '0x01020304', 7n],
  [42n, -123456789012345678901234567890n, false, hex(bytes('mixed/4', 4)), 128n],
  [UINT64_MAX - 1n, 0n, true, hex(bytes('mixed/5', 4)), 1n],
  [7n, 7n, false, hex(bytes('mixed/6', 4)), 2n],
]));

const simple = [];
for (const n of [1, 2, 3, 6, 17]) {
  simple.push(simpleCase(`simple-${n}`, Array.from({ length: n }, (_, i) => hex(bytes(`simple-${n}/${i}`, 32)))));
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({
  generator: `@openzeppelin/merkle-tree ${libVersion}`,
  standard,
  simple,
}, null, 2) + '\n');
console.log(`wrote ${standard.length} standard and ${simple.length} simple trees to ${out}`);
