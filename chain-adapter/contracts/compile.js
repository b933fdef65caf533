// Compiles every contract of a source directory (default ./src) with solc (solcjs), optimizer on, and writes
// <Name>.abi (JSON) and <Name>.bin (hex, no 0x) for each deployable contract into <outdir>.
// OpenZeppelin (and any other package) imports are resolved from ./node_modules.
// usage: node compile.js <outdir> [srcdir]
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const outDir = process.argv[2];
const srcDir = path.resolve(__dirname, process.argv[3] || 'src');
if (!outDir) {
  console.error('usage: node compile.js <outdir> [srcdir]');
  process.exit(2);
}

const files = fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort();
if (files.length === 0) {
  console.error(`no .sol file in ${srcDir}`);
  process.exit(1);
}
const sources = {};
for (const f of files) {
  sources[f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
}

function findImports(importPath) {
  for (const base of [srcDir, path.join(__dirname, 'node_modules')]) {
    const candidate = path.join(base, importPath);
    if (fs.existsSync(candidate)) {
      return { contents: fs.readFileSync(candidate, 'utf8') };
    }
  }
  return { error: `import not found: ${importPath}` };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    // paris: no PUSH0, MCOPY or transient storage, so the bytecode also runs on EVM chains that lag Ethereum's forks
    evmVersion: 'paris',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const problems = output.errors || [];
for (const w of problems.filter((e) => e.severity !== 'error')) {
  console.error(w.formattedMessage);
}
const errors = problems.filter((e) => e.severity === 'error');
if (errors.length > 0) {
  console.error(errors.map((e) => e.formattedMessage).join('\n'));
  process.exit(1);
}

fs.mkdirSync(outDir, { recursive: true });
let written = 0;
for (const f of files) {
  for (const [name, contract] of Object.entries(output.contracts[f] || {})) {
    if (!contract.evm.bytecode.object) {
      continue; // an interface or abstract contract: nothing to deploy
    }
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), contract.evm.bytecode.object);
    written++;
  }
}
console.log(`solc ${solc.version()}: ${written} contract(s) from ${srcDir} -> ${outDir}`);
