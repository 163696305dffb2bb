// Self-test of authority-oracle.mjs: signs a handful of transactions (dhive signs; wax computes the
// digests and derives the password keys) and checks the oracle's pre-HF28 and HF28 verdicts.
// usage: node authority-oracle-selftest.mjs      (exits 1 if any expectation fails)
import { createWaxFoundation } from "@hiveio/wax";
import dhive from "@hiveio/dhive";
import { createAuthorityOracle, TESTNET_CHAIN_ID } from "./authority-oracle.mjs";

const CHAIN = TESTNET_CHAIN_ID;
const INITMINER_WIF = "5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n";
const wax = await createWaxFoundation({ chainId: CHAIN });
const oracle = await createAuthorityOracle({ chainId: CHAIN, mode: "hf28" });

const NAMES = ["alice", "bob", "carol", "dave", "erin"];
const key = {}; // "alice/active" -> { wif, pub }
for (const n of NAMES) for (const role of ["owner", "active", "posting"]) {
  const k = wax.getPrivateKeyFromPassword(n, role, "password");
  key[`${n}/${role}`] = { wif: k.wifPrivateKey, pub: k.associatedPublicKey };
}
key.initminer = { wif: INITMINER_WIF, pub: wax.calculatePublicKey(INITMINER_WIF) };
const auth = (keys, threshold = 1, accounts = []) => ({ weight_threshold: threshold, account_auths: accounts, key_auths: keys.map((k) => [key[k].pub, 1]) });
const plain = (n) => ({ owner: auth([`${n}/owner`]), active: auth([`${n}/active`]), posting: auth([`${n}/posting`]) });
const accounts = Object.fromEntries(NAMES.map((n) => [n, plain(n)]));
accounts.initminer = { owner: auth(["initminer"]), active: auth(["initminer"]), posting: auth(["initminer"]) };
accounts.multi = { owner: auth(["initminer"]), active: auth(["alice/active", "bob/active", "carol/active"], 2), posting: auth(["alice/posting"]) };
// account_auths two levels down: deep.active -> mid (active) -> erin (active) -> key
accounts.mid = { owner: auth(["dave/owner"]), active: { weight_threshold: 1, account_auths: [["erin", 1]], key_auths: [] }, posting: auth(["dave/posting"]) };
accounts.deep = { owner: auth(["dave/owner"]), active: { weight_threshold: 1, account_auths: [["mid", 1]], key_auths: [] }, posting: auth(["dave/posting"]) };
accounts.deeper = { owner: auth(["dave/owner"]), active: { weight_threshold: 1, account_auths: [["deep", 1]], key_auths: [] }, posting: auth(["dave/posting"]) };

const base = { ref_block_num: 4660, ref_block_prefix: 1122334455, expiration: "2026-11-21T12:00:00", extensions: [] };
const transfer = (from, amount = "1.000 TESTS") => ["transfer", { from, to: "bob", amount, memo: "selftest" }];
const customJson = (active, posting) => ["custom_json", { required_auths: active, required_posting_auths: posting, id: "selftest", json: "{}" }];
const accountUpdate = (account, withOwner) => ["account_update", { account, ...(withOwner ? { owner: auth([`${account}/owner`]) } : {}), memo_key: key[`${account}/active`].pub, json_metadata: "" }];

// Signs with dhive over wax's HF26 digest (default) or dhive's own legacy digest (packing "legacy").
function sign(ops, signers, packing = "hf26") {
  const tx = { ...base, operations: ops, signatures: [] };
  let digest;
  if (packing === "hf26") {
    digest = Buffer.from(wax.createTransactionFromLegacyJson(JSON.parse(JSON.stringify(tx).replaceAll(" TESTS\"", " HIVE\"").replaceAll(" TBD\"", " HBD\""))).sigDigest, "hex");
  } else {
    digest = dhive.cryptoUtils.transactionDigest(tx, Buffer.from(CHAIN, "hex"));
  }
  tx.signatures = signers.map((s) => dhive.PrivateKey.fromString(key[s].wif).sign(digest).toString());
  return tx;
}

const cases = [
  // [name, operations, signers, expected pre-HF28, expected HF28, packing]
  ["1-of-1 active transfer", [transfer("alice")], ["alice/active"], true, true],
  ["posting key signs a transfer", [transfer("alice")], ["alice/posting"], false, false],
  ["owner key signs a transfer (role upgrade)", [transfer("alice")], ["alice/owner"], true, false],
  ["2-of-3 signed by 2", [transfer("multi")], ["alice/active", "carol/active"], true, true],
  ["2-of-3 signed by 1", [transfer("multi")], ["bob/active"], false, false],
  ["2-of-3 signed by 3", [transfer("multi")], ["carol/active", "alice/active", "bob/active"], false, true],
  ["extra unrelated signature", [transfer("alice")], ["alice/active", "dave/active"], false, true],
  ["duplicate signature", [transfer("alice")], ["alice/active", "alice/active"], false, false],
  ["two senders, only the second signs", [transfer("alice"), transfer("carol")], ["carol/active"], false, false],
  ["two senders, both sign", [transfer("alice"), transfer("carol")], ["carol/active", "alice/active"], true, true],
  ["custom_json posting by posting key", [customJson([], ["alice"])], ["alice/posting"], true, true],
  ["custom_json posting by active key", [customJson([], ["alice"])], ["alice/active"], true, false],
  ["custom_json posting + active mixed", [customJson(["bob"], ["alice"])], ["alice/posting", "bob/active"], false, true],
  ["account_update (active) by active", [accountUpdate("dave", false)], ["dave/active"], true, true],
  ["owner update signed by active", [accountUpdate("dave", true)], ["dave/active"], false, false],
  ["owner update signed by owner", [accountUpdate("dave", true)], ["dave/owner"], true, true],
  ["account_auths depth 2 (deep->mid->erin)", [transfer("deep")], ["erin/active"], true, true],
  ["account_auths depth 3 is too deep", [transfer("deeper")], ["erin/active"], false, false],
  ["initminer key", [transfer("initminer")], ["initminer"], true, true],
  ["legacy packing, TESTS amount", [transfer("alice", "2.500 TESTS")], ["alice/active"], true, true, "legacy"],
  ["legacy packing, TBD amount, wrong key", [transfer("alice", "2.500 TBD")], ["alice/posting"], false, false, "legacy"],
];

let failed = 0;
for (const [name, ops, signers, expPre, expHf, packing = "hf26"] of cases) {
  const tx = sign(ops, signers, packing);
  let v;
  try {
    v = await oracle.verdict(tx, accounts, { packing });
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: threw ${e.message}`);
    continue;
  }
  const ok = v.preHf28.accepted === expPre && v.hf28.accepted === expHf && v.accepted === v.hf28.accepted;
  if (!ok) failed++;
  const fmt = (x) => (x.accepted ? "accept" : `reject(${x.reason})`);
  console.log(`${ok ? "ok  " : "FAIL"} ${name}: pre-HF28 ${fmt(v.preHf28)}, HF28 ${fmt(v.hf28)} [${v.millis} ms${v.portOnly ? ", port only" : ""}]`);
}

// The legacy digest the oracle uses for a TESTS transfer must be dhive's (which writes TESTS bytes).
{
  const tx = { ...base, operations: [transfer("alice", "0.001 TESTS")], signatures: [] };
  const v = await oracle.verdict(tx, accounts);
  const dhiveLegacy = dhive.cryptoUtils.transactionDigest(tx, Buffer.from(CHAIN, "hex")).toString("hex");
  const ok = v.legacyDigest === dhiveLegacy && v.waxLegacyDigest !== dhiveLegacy;
  if (!ok) failed++;
  console.log(`${ok ? "ok  " : "FAIL"} legacy digest with TESTS = dhive's (wax's own legacy digest differs: STEEM bytes)`);
}

// Timing over repeated verdicts.
{
  const tx = sign([transfer("multi")], ["alice/active", "bob/active"]);
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) await oracle.verdict(tx, accounts);
  console.log(`timing: ${((performance.now() - t0) / 50).toFixed(1)} ms per verdict (50 runs)`);
}

await oracle.close();
console.log(failed ? `authority-oracle selftest: ${failed} FAILED` : `authority-oracle selftest: all ${cases.length + 1} passed`);
process.exit(failed ? 1 : 0);
