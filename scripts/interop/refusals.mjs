// Refusal interop: field by field, values at and past hived's limits for every field of the operations
// Hivesafe encodes (transfer, custom_json, account_update, account_update2) and of the transaction itself,
// judged twice on mainnet:
//   - by wax, hived's own C++ compiled to WebAssembly: its JSON parser (createTransactionFromLegacyJson),
//     then transaction::validate() (validate());
//   - by Hivesafe's Java library: its parser, then OperationValidation (`hivesafe tx validate --lines`).
// Every value wax refuses, Java must refuse; every value wax accepts at a limit, Java must accept. The few
// values where the two differ are listed with the reason, and the check is that both still answer as
// listed (so a change on either side shows):
//   - "Java stricter": wax lets the value through only because fc converts it loosely (a uint16 from
//     65536 wraps to 0, a fractional second is dropped, an asset string is trimmed), because hived's
//     relaxed JSON fallback parser takes non-standard JSON, or because hived checks it later, in an
//     evaluator (an authority member's name, a custom_json account that must exist); Java keeps hived's
//     type ranges and standard JSON, and a transaction hived would refuse later never reaches a block;
//   - "wasm32 time": wax's time_t ends in 2038 (a 32-bit build); hived's time_point_sec is uint32 seconds
//     (to 2106-02-07T06:28:15), which Java follows.
//
// usage: node refusals.mjs --jar PATH
import { createWaxFoundation } from "@hiveio/wax";
import { createChecks } from "./checks.mjs";
import dhive from "@hiveio/dhive";
import { spawnSync } from "node:child_process";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const JAR = args.jar;
if (!JAR) throw new Error("--jar is required");
const MAINNET = "beeab0de00000000000000000000000000000000000000000000000000000000";

const BOTH_ACCEPT = "accepted by both at the limit";
const BOTH_REFUSE = "refused by wax and by Java";
const JAVA_STRICTER = "Java stricter (listed)";
const WASM32_TIME = "wax-only refusal: wasm32 time (listed)";

const KEY = (i) => dhive.PrivateKey.fromSeed("hivesafe-refusals-" + i).createPublic().toString();
const keyBytes = (k) => Buffer.from(dhive.PublicKey.fromString(k).key);
const members = (n) => ({ weight_threshold: 1, account_auths: [], key_auths: Array.from({ length: n }, (_, i) => [KEY(i), 1]).sort((a, b) => Buffer.compare(keyBytes(a[0]), keyBytes(b[0]))) });
const auth = (over) => ({ weight_threshold: 1, account_auths: [], key_auths: [[KEY(0), 1]], ...over });
const names = (n, prefix = "acc") => Array.from({ length: n }, (_, i) => prefix + String(100 + i));

const tx = (op, over = {}) => ({ ref_block_num: 1, ref_block_prefix: 2, expiration: "2026-01-01T00:00:00", operations: op === null ? [] : [op], extensions: [], ...over });
const transfer = (o) => ["transfer", { from: "alice", to: "bob", amount: "0.001 HIVE", memo: "", ...o }];
const custom = (o) => ["custom_json", { required_auths: ["alice"], required_posting_auths: [], id: "hivesafe_send", json: "{}", ...o }];
const update = (o) => ["account_update", { account: "alice", memo_key: KEY(0), json_metadata: "", ...o }];
const update2 = (o) => ["account_update2", { account: "alice", json_metadata: "", posting_json_metadata: "", extensions: [], ...o }];
const trx = (over) => tx(transfer({}), over);

// [field, value shown, transaction, expected, reason when the two differ]
const CASES = [
  // ---- the transaction ----
  ["transaction.ref_block_num (uint16)", "0", trx({ ref_block_num: 0 }), BOTH_ACCEPT],
  ["transaction.ref_block_num (uint16)", "65535", trx({ ref_block_num: 65535 }), BOTH_ACCEPT],
  ["transaction.ref_block_num (uint16)", "\"12\" (a decimal string)", trx({ ref_block_num: "12" }), BOTH_ACCEPT],
  ["transaction.ref_block_num (uint16)", "65536", trx({ ref_block_num: 65536 }), JAVA_STRICTER, "fc wraps it to 0"],
  ["transaction.ref_block_num (uint16)", "-1", trx({ ref_block_num: -1 }), JAVA_STRICTER, "fc wraps it to 65535"],
  ["transaction.ref_block_num (uint16)", "1.5", trx({ ref_block_num: 1.5 }), JAVA_STRICTER, "fc truncates it to 1"],
  ["transaction.ref_block_prefix (uint32)", "4294967295", trx({ ref_block_prefix: 4294967295 }), BOTH_ACCEPT],
  ["transaction.ref_block_prefix (uint32)", "4294967296", trx({ ref_block_prefix: 4294967296 }), JAVA_STRICTER, "fc wraps it to 0"],
  ["transaction.ref_block_prefix (uint32)", "-5", trx({ ref_block_prefix: -5 }), JAVA_STRICTER, "fc wraps it"],
  ["transaction.ref_block_prefix (uint32)", "1e20", trx({ ref_block_prefix: 1e20 }), BOTH_REFUSE],
  ["transaction.expiration (time_point_sec)", "1970-01-01T00:00:00", trx({ expiration: "1970-01-01T00:00:00" }), BOTH_ACCEPT],
  ["transaction.expiration (time_point_sec)", "2038-01-19T03:14:07", trx({ expiration: "2038-01-19T03:14:07" }), BOTH_ACCEPT],
  ["transaction.expiration (time_point_sec)", "2038-01-19T03:14:08", trx({ expiration: "2038-01-19T03:14:08" }), WASM32_TIME, "past wasm32's time_t; hived's uint32 holds it"],
  ["transaction.expiration (time_point_sec)", "2106-02-07T06:28:15", trx({ expiration: "2106-02-07T06:28:15" }), WASM32_TIME, "the last uint32 second"],
  ["transaction.expiration (time_point_sec)", "2106-02-07T06:28:16", trx({ expiration: "2106-02-07T06:28:16" }), BOTH_REFUSE],
  ["transaction.expiration (time_point_sec)", "1969-12-31T23:59:59", trx({ expiration: "1969-12-31T23:59:59" }), JAVA_STRICTER, "wasm32's signed time_t; not a uint32"],
  ["transaction.expiration (time_point_sec)", "2026-01-01T00:00:00Z", trx({ expiration: "2026-01-01T00:00:00Z" }), BOTH_REFUSE],
  ["transaction.expiration (time_point_sec)", "2026-02-30T00:00:00", trx({ expiration: "2026-02-30T00:00:00" }), BOTH_REFUSE],
  ["transaction.expiration (time_point_sec)", "2028-02-29T00:00:00 (a leap day)", trx({ expiration: "2028-02-29T00:00:00" }), BOTH_ACCEPT],
  ["transaction.expiration (time_point_sec)", "2026-02-29T00:00:00", trx({ expiration: "2026-02-29T00:00:00" }), BOTH_REFUSE],
  ["transaction.expiration (time_point_sec)", "2026-01-01T24:00:00", trx({ expiration: "2026-01-01T24:00:00" }), JAVA_STRICTER, "boost rolls hour 24 into the next day"],
  ["transaction.expiration (time_point_sec)", "2026-01-01 00:00:00", trx({ expiration: "2026-01-01 00:00:00" }), BOTH_REFUSE],
  ["transaction.expiration (time_point_sec)", "2026-01-01T00:00:00.5", trx({ expiration: "2026-01-01T00:00:00.5" }), JAVA_STRICTER, "fc drops the fraction"],
  ["transaction.operations", "[] (none)", tx(null), BOTH_REFUSE],

  // ---- transfer ----
  ["transfer.from (account name)", "abc (3)", tx(transfer({ from: "abc" })), BOTH_ACCEPT],
  ["transfer.from (account name)", "16 characters", tx(transfer({ from: "abcdefghijklmnop" })), BOTH_ACCEPT],
  ["transfer.from (account name)", "ab (2)", tx(transfer({ from: "ab" })), BOTH_REFUSE],
  ["transfer.from (account name)", "17 characters", tx(transfer({ from: "abcdefghijklmnopq" })), BOTH_REFUSE],
  ["transfer.from (account name)", "\"\"", tx(transfer({ from: "" })), BOTH_REFUSE],
  ["transfer.to (account name)", "abc.def", tx(transfer({ to: "abc.def" })), BOTH_ACCEPT],
  ["transfer.to (account name)", "Alice", tx(transfer({ to: "Alice" })), BOTH_REFUSE],
  ["transfer.to (account name)", "abc-", tx(transfer({ to: "abc-" })), BOTH_REFUSE],
  ["transfer.to (account name)", "ab.cde", tx(transfer({ to: "ab.cde" })), BOTH_REFUSE],
  ["transfer.to (account name)", "1abc", tx(transfer({ to: "1abc" })), BOTH_REFUSE],
  ["transfer.to (account name)", "17 characters", tx(transfer({ to: "abcdefghijklmnopq" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "0.001 HIVE", tx(transfer({ amount: "0.001 HIVE" })), BOTH_ACCEPT],
  ["transfer.amount (asset)", "0.001 HBD", tx(transfer({ amount: "0.001 HBD" })), BOTH_ACCEPT],
  ["transfer.amount (asset)", "1.000 STEEM", tx(transfer({ amount: "1.000 STEEM" })), BOTH_ACCEPT],
  ["transfer.amount (asset)", "1.000 SBD", tx(transfer({ amount: "1.000 SBD" })), BOTH_ACCEPT],
  ["transfer.amount (asset)", "9223372036854775.807 HIVE (int64 max)", tx(transfer({ amount: "9223372036854775.807 HIVE" })), BOTH_ACCEPT],
  ["transfer.amount (asset)", "9223372036854775.808 HIVE", tx(transfer({ amount: "9223372036854775.808 HIVE" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "0.000 HIVE", tx(transfer({ amount: "0.000 HIVE" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "-1.000 HIVE", tx(transfer({ amount: "-1.000 HIVE" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "-0.001 HIVE", tx(transfer({ amount: "-0.001 HIVE" })), JAVA_STRICTER, "hived's legacy parser loses the sign when the integer part is 0 and reads +0.001"],
  ["transfer.amount (asset)", "0.000001 VESTS", tx(transfer({ amount: "0.000001 VESTS" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "1.00 HIVE (precision 2)", tx(transfer({ amount: "1.00 HIVE" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "1.0000 HIVE (precision 4)", tx(transfer({ amount: "1.0000 HIVE" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "1 HIVE", tx(transfer({ amount: "1 HIVE" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "1.000 hive", tx(transfer({ amount: "1.000 hive" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "1.000 FOO", tx(transfer({ amount: "1.000 FOO" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "1.000 TESTS (testnet's name)", tx(transfer({ amount: "1.000 TESTS" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "1.000 TBD (testnet's name)", tx(transfer({ amount: "1.000 TBD" })), BOTH_REFUSE],
  ["transfer.amount (asset)", "\"1.000 HIVE \" (trailing space)", tx(transfer({ amount: "1.000 HIVE " })), JAVA_STRICTER, "hived trims the string"],
  ["transfer.amount (asset)", "+1.000 HIVE", tx(transfer({ amount: "+1.000 HIVE" })), JAVA_STRICTER, "fc's to_int64 takes a sign"],
  ["transfer.amount (asset)", ".001 HIVE", tx(transfer({ amount: ".001 HIVE" })), JAVA_STRICTER, "hived reads an empty integer part as 0"],
  ["transfer.memo (≤ 2047 bytes)", "2047 ASCII bytes", tx(transfer({ memo: "m".repeat(2047) })), BOTH_ACCEPT],
  ["transfer.memo (≤ 2047 bytes)", "2048 ASCII bytes", tx(transfer({ memo: "m".repeat(2048) })), BOTH_REFUSE],
  ["transfer.memo (≤ 2047 bytes)", "1023 × é (2046 bytes)", tx(transfer({ memo: "é".repeat(1023) })), BOTH_ACCEPT],
  ["transfer.memo (≤ 2047 bytes)", "1024 × é (2048 bytes)", tx(transfer({ memo: "é".repeat(1024) })), BOTH_REFUSE],
  ["transfer.memo (≤ 2047 bytes)", "511 × 🐝 + abc (2047 bytes)", tx(transfer({ memo: "🐝".repeat(511) + "abc" })), BOTH_ACCEPT],
  ["transfer.memo (≤ 2047 bytes)", "512 × 🐝 (2048 bytes)", tx(transfer({ memo: "🐝".repeat(512) })), BOTH_REFUSE],

  // ---- custom_json ----
  ["custom_json.required_auths + required_posting_auths (1..40)", "1", tx(custom({})), BOTH_ACCEPT],
  ["custom_json.required_auths + required_posting_auths (1..40)", "40", tx(custom({ required_auths: names(40) })), BOTH_ACCEPT],
  ["custom_json.required_auths + required_posting_auths (1..40)", "20 + 20", tx(custom({ required_auths: names(20), required_posting_auths: names(20, "pst") })), BOTH_ACCEPT],
  ["custom_json.required_auths + required_posting_auths (1..40)", "41", tx(custom({ required_auths: names(41) })), BOTH_REFUSE],
  ["custom_json.required_auths + required_posting_auths (1..40)", "20 + 21", tx(custom({ required_auths: names(20), required_posting_auths: names(21, "pst") })), BOTH_REFUSE],
  ["custom_json.required_auths + required_posting_auths (1..40)", "0", tx(custom({ required_auths: [] })), BOTH_REFUSE],
  ["custom_json.required_auths + required_posting_auths (1..40)", "a 17-character name", tx(custom({ required_posting_auths: ["abcdefghijklmnopq"] })), BOTH_REFUSE],
  ["custom_json.required_auths + required_posting_auths (1..40)", "BAD (not a valid name)", tx(custom({ required_auths: ["BAD"] })), JAVA_STRICTER, "validate() does not check these names; no such account can sign"],
  ["custom_json.id (≤ 32 bytes)", "\"\"", tx(custom({ id: "" })), BOTH_ACCEPT],
  ["custom_json.id (≤ 32 bytes)", "32 bytes", tx(custom({ id: "x".repeat(32) })), BOTH_ACCEPT],
  ["custom_json.id (≤ 32 bytes)", "16 × é (32 bytes)", tx(custom({ id: "é".repeat(16) })), BOTH_ACCEPT],
  ["custom_json.id (≤ 32 bytes)", "33 bytes", tx(custom({ id: "x".repeat(33) })), BOTH_REFUSE],
  ["custom_json.id (≤ 32 bytes)", "17 × é (34 bytes)", tx(custom({ id: "é".repeat(17) })), BOTH_REFUSE],
  ["custom_json.json (valid JSON)", "{}", tx(custom({ json: "{}" })), BOTH_ACCEPT],
  ["custom_json.json (valid JSON)", "[1,\"two\",null]", tx(custom({ json: "[1,\"two\",null]" })), BOTH_ACCEPT],
  ["custom_json.json (valid JSON)", "\"s\"", tx(custom({ json: "\"s\"" })), BOTH_ACCEPT],
  ["custom_json.json (valid JSON)", "8,193 bytes (the size is the evaluator's)", tx(custom({ json: JSON.stringify("a".repeat(8191)) })), BOTH_ACCEPT],
  ["custom_json.json (valid JSON)", "\"\"", tx(custom({ json: "" })), BOTH_REFUSE],
  ["custom_json.json (valid JSON)", "{", tx(custom({ json: "{" })), BOTH_REFUSE],
  ["custom_json.json (valid JSON)", "{'a':1}", tx(custom({ json: "{'a':1}" })), BOTH_REFUSE],
  ["custom_json.json (valid JSON)", "{a:1}", tx(custom({ json: "{a:1}" })), BOTH_REFUSE],
  ["custom_json.json (valid JSON)", "NaN", tx(custom({ json: "NaN" })), BOTH_REFUSE],
  ["custom_json.json (valid JSON)", "{} {}", tx(custom({ json: "{} {}" })), JAVA_STRICTER, "hived's relaxed fallback parser"],
  ["custom_json.json (valid JSON)", "[1,]", tx(custom({ json: "[1,]" })), JAVA_STRICTER, "hived's relaxed fallback parser"],
  ["custom_json.json (valid JSON)", "nope", tx(custom({ json: "nope" })), JAVA_STRICTER, "hived's relaxed fallback parser"],

  // ---- account_update ----
  ["account_update.account (account name)", "17 characters", tx(update({ account: "abcdefghijklmnopq" })), BOTH_REFUSE],
  ["account_update.account (account name)", "ab", tx(update({ account: "ab" })), BOTH_REFUSE],
  ["account_update.active.key_auths weight (uint16)", "0", tx(update({ active: auth({ key_auths: [[KEY(0), 0]] }) })), BOTH_ACCEPT],
  ["account_update.active.key_auths weight (uint16)", "65535", tx(update({ active: auth({ key_auths: [[KEY(0), 65535]] }) })), BOTH_ACCEPT],
  ["account_update.active.key_auths weight (uint16)", "65536", tx(update({ active: auth({ key_auths: [[KEY(0), 65536]] }) })), JAVA_STRICTER, "fc wraps it to 0"],
  ["account_update.active.key_auths weight (uint16)", "-1", tx(update({ active: auth({ key_auths: [[KEY(0), -1]] }) })), JAVA_STRICTER, "fc wraps it to 65535"],
  ["account_update.owner.weight_threshold (uint32)", "0", tx(update({ owner: auth({ weight_threshold: 0 }) })), BOTH_ACCEPT],
  ["account_update.owner.weight_threshold (uint32)", "4294967295", tx(update({ owner: auth({ weight_threshold: 4294967295 }) })), BOTH_ACCEPT],
  ["account_update.owner.weight_threshold (uint32)", "4294967296", tx(update({ owner: auth({ weight_threshold: 4294967296 }) })), JAVA_STRICTER, "fc wraps it to 0"],
  ["account_update.posting.account_auths (account name)", "17 characters", tx(update({ posting: auth({ account_auths: [["abcdefghijklmnopq", 1]] }) })), BOTH_REFUSE],
  ["account_update.posting.account_auths (account name)", "A", tx(update({ posting: auth({ account_auths: [["A", 1]] }) })), JAVA_STRICTER, "authority::validate runs in the evaluator"],
  ["account_update.active.key_auths (public key)", "a key with a bad checksum", tx(update({ active: auth({ key_auths: [["STM6LLegbAgLAy28EHrffBVuANFWcFgmqRMW13wBmTExqFE9SCkg5", 1]] }) })), BOTH_REFUSE],
  ["account_update.active (members)", "41 (the size is the evaluator's)", tx(update({ active: members(41) })), BOTH_ACCEPT],
  ["account_update.memo_key (public key)", "the null key", tx(update({ memo_key: "STM1111111111111111111111111111111114T1Anm" })), BOTH_ACCEPT],
  ["account_update.memo_key (public key)", "STM1", tx(update({ memo_key: "STM1" })), BOTH_REFUSE],
  ["account_update.json_metadata (empty or valid JSON)", "\"\"", tx(update({ json_metadata: "" })), BOTH_ACCEPT],
  ["account_update.json_metadata (empty or valid JSON)", "{\"a\":1}", tx(update({ json_metadata: "{\"a\":1}" })), BOTH_ACCEPT],
  ["account_update.json_metadata (empty or valid JSON)", "{", tx(update({ json_metadata: "{" })), BOTH_REFUSE],

  // ---- account_update2 ----
  ["account_update2.account (account name)", "ab", tx(update2({ account: "ab" })), BOTH_REFUSE],
  ["account_update2.owner/active/posting (≤ 40 members)", "active of 40", tx(update2({ active: members(40) })), BOTH_ACCEPT],
  ["account_update2.owner/active/posting (≤ 40 members)", "active of 41", tx(update2({ active: members(41) })), BOTH_REFUSE],
  ["account_update2.owner/active/posting (≤ 40 members)", "owner of 41", tx(update2({ owner: members(41) })), BOTH_REFUSE],
  ["account_update2.owner/active/posting (≤ 40 members)", "posting of 41", tx(update2({ posting: members(41) })), BOTH_REFUSE],
  ["account_update2.json_metadata (empty or valid JSON)", "\"\"", tx(update2({})), BOTH_ACCEPT],
  ["account_update2.json_metadata (empty or valid JSON)", "{", tx(update2({ json_metadata: "{" })), BOTH_REFUSE],
  ["account_update2.posting_json_metadata (empty or valid JSON)", "{}", tx(update2({ posting_json_metadata: "{}" })), BOTH_ACCEPT],
  ["account_update2.posting_json_metadata (empty or valid JSON)", "{", tx(update2({ posting_json_metadata: "{" })), BOTH_REFUSE],
];

// ---- the verdicts ----
const wax = await createWaxFoundation({ chainId: MAINNET });
function waxVerdict(t) {
  let w;
  try { w = wax.createTransactionFromLegacyJson(t); } catch (e) { return { accepted: false, stage: "parse", why: String(e.message).replace(/\s+/g, " ").slice(0, 160) }; }
  try { w.validate(); } catch (e) { return { accepted: false, stage: "validate", why: String(e.message).replace(/\s+/g, " ").slice(0, 160) }; }
  return { accepted: true };
}
const r = spawnSync("java", ["-jar", JAR, "tx", "validate", "--lines"], { input: CASES.map(([, , t]) => JSON.stringify(t)).join("\n") + "\n", maxBuffer: 1 << 28, encoding: "utf8" });
if (r.error) throw r.error;
const answers = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
if (answers.length !== CASES.length) throw new Error(`java tx validate: ${answers.length} answers for ${CASES.length} cases; stderr: ${r.stderr}`);
const javaVerdict = (a) => (a.error ? { accepted: false, stage: "parse", why: a.error } : a.valid ? { accepted: true } : { accepted: false, stage: "validate", why: `${a.rule}: ${a.message}` });

const EXPECT = {
  [BOTH_ACCEPT]: { wax: true, java: true },
  [BOTH_REFUSE]: { wax: false, java: false },
  [JAVA_STRICTER]: { wax: true, java: false },
  [WASM32_TIME]: { wax: false, java: true },
};
const { check, report } = createChecks();
const tally = {};
const fields = new Set();
const show = (v) => (v.accepted ? "accepts" : `refuses at ${v.stage} (${v.why})`);
CASES.forEach(([field, value, t, expected, reason], i) => {
  const w = waxVerdict(t);
  const j = javaVerdict(answers[i]);
  const want = EXPECT[expected];
  fields.add(field);
  tally[expected] = (tally[expected] || 0) + 1;
  check(`${field}: ${expected}`, w.accepted === want.wax && j.accepted === want.java,
    `${value}${reason ? ` [${reason}]` : ""}: wax ${show(w)}; Java ${show(j)}`);
  // The rule that matters most, whatever the listing says: what wax refuses, Java refuses (times past 2038 aside).
  if (expected !== WASM32_TIME) check("every value wax refuses, Java refuses", w.accepted || !j.accepted, `${field} = ${value}: Java ${show(j)}`);
});
const summary = `refusals: ${CASES.length} cases over ${fields.size} fields; ${Object.entries(tally).map(([k, n]) => `${n} ${k}`).join(", ")}`;
process.exit(report("refusals", [summary]) ? 0 : 1);
