// Compiles a contract of ./contracts with solc (solcjs) and prints {"abi": [...], "bytecode": "0x..."}.
// usage: node compile.js OwnedWallet
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const name = process.argv[2];
const file = `${name}.sol`;
const input = {
  language: 'Solidity',
  sources: { [file]: { content: fs.readFileSync(path.join(__dirname, 'contracts', file), 'utf8') } },
  settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  console.error(errors.map((e) => e.formattedMessage).join('\n'));
  process.exit(1);
}
const contract = output.contracts[file][name];
process.stdout.write(JSON.stringify({ abi: contract.abi, bytecode: '0x' + contract.evm.bytecode.object }));
