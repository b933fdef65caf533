// Verifies captured webhook deliveries with the reference Standard Webhooks library (npm
// standardwebhooks), independently of the service's Java signer.
// Usage: node verify.mjs cases.json
// cases.json: [{"name", "secret", "body", "headers": {...}, "expect": true|false}]
// Prints one line per case and exits 1 when any case's outcome differs from "expect".
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
let mismatches = 0;
for (const c of cases) {
  let verified = false;
  let error = "";
  try {
    new Webhook(c.secret).verify(c.body, c.headers);
    verified = true;
  } catch (e) {
    error = e.message;
  }
  const ok = verified === c.expect;
  if (!ok) mismatches++;
  console.log(`${ok ? "OK" : "MISMATCH"} ${c.name}: verified=${verified}${error ? ` (${error})` : ""}`);
}
console.log(`${cases.length} cases, ${mismatches} mismatches`);
process.exit(mismatches === 0 ? 0 : 1);
