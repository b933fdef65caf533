// Validates Kubernetes manifests against the Kubernetes OpenAPI schemas (npm kubernetes-models).
// Usage: node validate.mjs FILE... (multi-document YAML). Exits 1 and prints every problem when
// a document is invalid, has an unknown apiVersion/kind, or is not a mapping; prints a summary otherwise.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

async function modelClass(apiVersion, kind) {
  // Core group is "v1"; named groups are "group/version": both are paths of the package.
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

function describe(file, index, doc) {
  const name = doc?.metadata?.name ?? "<no name>";
  return `${file} #${index + 1} ${doc?.kind ?? "?"}/${name}`;
}

async function validateFile(file) {
  const problems = [];
  let count = 0;
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  for (const [index, document] of documents.entries()) {
    if (document.errors.length > 0) {
      problems.push(`${file} #${index + 1}: YAML error: ${document.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const doc = document.toJS();
    if (doc === null || doc === undefined) {
      continue;
    }
    if (typeof doc !== "object" || Array.isArray(doc)) {
      problems.push(`${file} #${index + 1}: not a mapping`);
      continue;
    }
    const Model = await modelClass(doc.apiVersion, doc.kind);
    if (!Model) {
      problems.push(`${describe(file, index, doc)}: unknown apiVersion/kind ${doc.apiVersion}/${doc.kind}`);
      continue;
    }
    try {
      new Model(doc).validate();
      count++;
    } catch (error) {
      const details = error.errors
        ? error.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`)
        : [error.message];
      problems.push(`${describe(file, index, doc)}: ${details.join("; ")}`);
    }
  }
  return { problems, count };
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs FILE...");
  process.exit(2);
}
let valid = 0;
const problems = [];
for (const file of files) {
  const result = await validateFile(file);
  valid += result.count;
  problems.push(...result.problems);
}
if (problems.length > 0) {
  for (const problem of problems) {
    console.error(`INVALID ${problem}`);
  }
  console.error(`${problems.length} invalid, ${valid} valid`);
  process.exit(1);
}
console.log(`${valid} valid`);
