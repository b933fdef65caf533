#!/usr/bin/env node
// Tops up a platform tenant on chain: sends native AIOZ to the TenantDeposits contract with the tenant's id,
// which is what any wallet does (the call is deposit(bytes32 tenant); bytes32 = 16 zero bytes, then the
// tenant UUID's 16 bytes). The chain adapter sees the Deposit log and billing credits the tenant.
//
//   CHAIN_PRIVATE_KEY=0x... node deposit.mjs --rpc <url> --contract <TenantDeposits> --tenant <uuid> --amount <AIOZ>
//
// The key comes from the environment only, never from the command line (shell history, process lists).
// Exit status: 0 mined, 1 reverted, 2 usage or network error.

import { Contract, JsonRpcProvider, Wallet, parseEther } from "ethers";

const USAGE = `usage:
  CHAIN_PRIVATE_KEY=0x<key> node deposit.mjs --rpc <url> --contract <address> --tenant <uuid> --amount <AIOZ, e.g. 2.5>`;

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || argv[i + 1] === undefined) {
      throw new Error(`unexpected argument ${argv[i]}`);
    }
    out[argv[i].slice(2)] = argv[i + 1];
  }
  return out;
}

async function main() {
  let options;
  try {
    options = args(process.argv.slice(2));
    for (const name of ["rpc", "contract", "tenant", "amount"]) {
      if (!options[name]) throw new Error(`--${name} is required`);
    }
    if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(options.tenant)) {
      throw new Error("--tenant must be the tenant's UUID");
    }
    if (!process.env.CHAIN_PRIVATE_KEY) throw new Error("CHAIN_PRIVATE_KEY must hold the paying account's key");
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  const tenant = "0x" + "0".repeat(32) + options.tenant.replaceAll("-", "").toLowerCase();
  try {
    const provider = new JsonRpcProvider(options.rpc);
    const wallet = new Wallet(process.env.CHAIN_PRIVATE_KEY, provider);
    const deposits = new Contract(options.contract, ["function deposit(bytes32 tenant) payable"], wallet);
    const tx = await deposits.deposit(tenant, { value: parseEther(options.amount) });
    console.log(`sent ${tx.hash}: ${options.amount} AIOZ for tenant ${options.tenant} from ${wallet.address}`);
    const receipt = await tx.wait();
    if (receipt.status !== 1) {
      console.log(`reverted in block ${receipt.blockNumber}`);
      return 1;
    }
    console.log(`mined in block ${receipt.blockNumber}`);
    return 0;
  } catch (e) {
    console.error(`deposit failed: ${e.shortMessage ?? e.message}`);
    return 2;
  }
}

process.exitCode = await main();
