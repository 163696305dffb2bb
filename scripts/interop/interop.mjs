// Interop suite: Hivesafe's Java protocol code against Hive's own C++ protocol code compiled to
// WebAssembly (@hiveio/wax) and against dhive. Seeded random transactions are generated here, in
// JavaScript, so the Java side and the oracles never share a generator.
//
// usage: node interop.mjs --jar PATH [--count N] [--seed S]
import { createWaxFoundation } from "@hiveio/wax";
import { prng } from "./seeded.mjs";
import { createChecks } from "./checks.mjs";
import dhive from "@hiveio/dhive";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
const ByteBuffer = createRequire(import.meta.url)("@ecency/bytebuffer");

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const JAR = args.jar;
const COUNT = Number(args.count ?? 600);
const SEED = Number(args.seed ?? 20261121);
const MAINNET = "beeab0de00000000000000000000000000000000000000000000000000000000";
if (!JAR) throw new Error("--jar is required");

// ---- seeded randomness (mulberry32) ----
const { rand, int, pick, shuffle } = prng(SEED);

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
function account() {
  const len = 3 + int(14);
  let s = LETTERS[int(26)];
  while (s.length < len - 1) { const r = int(38); s += r < 26 ? LETTERS[r] : r < 36 ? String(r - 26) : "-"; }
  return s + LETTERS[int(26)];
}
function codePoint() {
  switch (int(5)) {
    case 0: return 0x20 + int(0x5f);
    case 1: return 0xa0 + int(0x700);
    case 2: return 0x3040 + int(0x6000);
    case 3: return 0x1f300 + int(0x300);
    default: return [0x22, 0x5c, 0x0a, 0x09, 0x2028][int(5)];
  }
}
function unicode(maxBytes) {
  const target = int(maxBytes + 1);
  let s = "", bytes = 0;
  for (;;) {
    const cp = codePoint();
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > target) return s;
    s += String.fromCodePoint(cp);
    bytes += size;
  }
}
function randomJsonValue(depth) {
  switch (depth > 3 ? int(3) : int(5)) {
    case 0: return unicode(60);
    case 1: return int(2) ? int(1e9) : -int(1e6);
    case 2: return pick([true, false, null]);
    case 3: { const a = []; for (let i = int(6); i > 0; i--) a.push(randomJsonValue(depth + 1)); return a; }
    default: { const o = {}; for (let i = int(6); i > 0; i--) o[unicode(12) || "k"] = randomJsonValue(depth + 1); return o; }
  }
}
function randomJson() {
  const limit = int(3) === 0 ? 8192 : 600;
  let json = JSON.stringify({ v: randomJsonValue(0) });
  while (Buffer.byteLength(json) < limit - 400 && int(4) !== 0) {
    const next = JSON.stringify(JSON.parse(json), null, 0).slice(0, -1) + "," + JSON.stringify("k" + int(1e6)) + ":" + JSON.stringify(randomJsonValue(1)) + "}";
    if (Buffer.byteLength(next) > limit) break;
    json = next;
  }
  return Buffer.byteLength(json) <= 8192 ? json : "{}";
}

// ---- keys ----
const SIGNER_WIFS = Array.from({ length: 6 }, (_, i) => dhive.PrivateKey.fromLogin("signer" + i, "interop-" + SEED, "active"));
const AUTH_KEYS = Array.from({ length: 60 }, (_, i) => dhive.PrivateKey.fromSeed("interop-auth-" + SEED + "-" + i).createPublic().toString());

function authority() {
  const n = 1 + int(40);
  let keys = shuffle(AUTH_KEYS).slice(0, n).map((k) => [k, 1 + int(int(2) ? 3 : 65535)]);
  if (int(10) === 0 && keys.length > 1) keys.push([keys[0][0], 7]); // a duplicate: the first is kept
  const accounts = Array.from({ length: int(3) }, () => [account(), 1 + int(5)]);
  const total = [...keys, ...accounts].reduce((s, [, w]) => s + w, 0);
  return { weight_threshold: 1 + int(Math.min(total, 0xffffffff)), account_auths: accounts, key_auths: keys };
}
function asset() {
  const units = int(3) === 0 ? 1 + int(1000) : int(1e12);
  const [sym, prec] = pick([["HIVE", 3], ["HBD", 3]]);
  const s = String(units).padStart(prec + 1, "0");
  return `${s.slice(0, -prec)}.${s.slice(-prec)} ${sym}`;
}
function operation() {
  switch (int(4)) {
    case 0: return ["transfer", { from: account(), to: account(), amount: asset(), memo: unicode(int(3) === 0 ? 2047 : 80) }];
    case 1: {
      const op = { account: account() };
      for (const role of ["owner", "active", "posting"]) if (int(2)) op[role] = authority();
      op.memo_key = int(4) ? pick(AUTH_KEYS) : "STM1111111111111111111111111111111114T1Anm";
      op.json_metadata = int(2) ? "" : randomJson();
      return ["account_update", op];
    }
    case 2: {
      const op = { account: account() };
      for (const role of ["owner", "active", "posting"]) if (int(3) === 0) op[role] = authority();
      if (int(2)) op.memo_key = pick(AUTH_KEYS);
      op.json_metadata = int(2) ? "" : randomJson();
      op.posting_json_metadata = int(2) ? "" : randomJson();
      op.extensions = [];
      return ["account_update2", op];
    }
    default: {
      const auths = Array.from({ length: int(4) }, account);
      const posting = Array.from({ length: auths.length === 0 ? 1 + int(3) : int(3) }, account);
      const id = (LETTERS[int(26)] + unicode(40).replace(/[^a-z0-9_]/g, "")).slice(0, 1 + int(32));
      return ["custom_json", { required_auths: auths, required_posting_auths: posting, id, json: randomJson() }];
    }
  }
}
function transaction(i) {
  const kind = i % 4; // transfer-heavy, custom_json, account_update, multi-op
  let ops;
  if (kind === 3) ops = Array.from({ length: 2 + int(4) }, operation);
  else {
    const wanted = ["transfer", "custom_json", "account_update"][kind];
    do { ops = [operation()]; } while (ops[0][0] !== wanted && !(kind === 2 && ops[0][0] === "account_update2"));
  }
  const expiration = new Date(Date.UTC(2016, 0, 1) + int(20 * 365 * 86400) * 1000).toISOString().slice(0, 19);
  return { ref_block_num: int(65536), ref_block_prefix: int(4294967296), expiration, operations: ops, extensions: [] };
}

// ---- running the Java CLI ----
const work = mkdtempSync(join(tmpdir(), "hivesafe-interop-"));
function java(lines, ...cliArgs) {
  const r = spawnSync("java", ["-jar", JAR, ...cliArgs, "--lines"], { input: lines.map((l) => JSON.stringify(l)).join("\n") + "\n", maxBuffer: 1 << 30, encoding: "utf8" });
  if (r.error) throw r.error;
  const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  if (out.length !== lines.length) throw new Error(`java ${cliArgs.join(" ")}: ${out.length} answers for ${lines.length} lines; stderr: ${r.stderr}`);
  return out;
}
function wifFiles(indexes) {
  return indexes.flatMap((k) => { const f = join(work, `k${k}.wif`); writeFileSync(f, SIGNER_WIFS[k].toString(), { mode: 0o600 }); return ["--wif-file", f]; });
}

// ---- checks ----
const { check, report } = createChecks();

const wax = await createWaxFoundation({ chainId: MAINNET });
const txs = Array.from({ length: COUNT }, (_, i) => transaction(i));

// 1. Serialization, digest and id: Java (legacy and HF26 packing) against wax.
const legacy = java(txs, "tx", "serialize");
const hf26 = java(txs, "tx", "serialize", "--packing", "hf26");
txs.forEach((tx, i) => {
  const j = legacy[i], h = hf26[i];
  if (j.error || h.error) { check("java accepts every valid transaction", false, `#${i}: ${j.error || h.error}`); return; }
  let w;
  try { w = wax.createTransactionFromLegacyJson(tx); } catch (e) { check("wax accepts every generated transaction", false, `#${i}: ${String(e.message).slice(0, 200)}`); return; }
  const waxLegacyHex = w.legacy_binaryViewMetadata.binary.replace(/00$/, "");
  check("legacy hex = wax", j.hex === waxLegacyHex, `#${i} ${JSON.stringify(tx).slice(0, 200)}`);
  check("legacy digest = wax", j.digest === w.legacy_sigDigest, `#${i}`);
  check("legacy id = wax", j.txid === w.legacy_id, `#${i}`);
  check("hf26 hex = wax", h.hex === w.toBinaryForm(true), `#${i}`);
  check("hf26 digest = wax", h.digest === w.sigDigest, `#${i}`);
  check("hf26 id = wax", h.txid === w.id, `#${i}`);
});

// 2. Java signs (random signer sets); wax and dhive recover every signature to the right key.
const SUBSETS = [[0], [1], [2, 3], [3, 4, 5], [0, 5], [1, 2, 4]];
const groups = SUBSETS.map(() => []);
txs.forEach((tx, i) => groups[i % SUBSETS.length].push(i));
const javaSigned = new Array(COUNT);
SUBSETS.forEach((subset, g) => {
  const out = java(groups[g].map((i) => txs[i]), "tx", "sign", ...wifFiles(subset));
  groups[g].forEach((i, n) => { javaSigned[i] = { tx: out[n], subset }; });
});
const pub = (k) => SIGNER_WIFS[k].createPublic().toString();
javaSigned.forEach(({ tx, subset }, i) => {
  if (tx.error) { check("java signs every transaction", false, `#${i}: ${tx.error}`); return; }
  const digest = legacy[i].digest;
  tx.signatures.forEach((sig, n) => {
    const expected = pub(subset[n]);
    check("wax recovers Java's signature", wax.getPublicKeyFromSignature(digest, sig) === expected, `#${i} sig ${n}`);
    check("dhive recovers Java's signature", dhive.Signature.fromString(sig).recover(Buffer.from(digest, "hex")).toString() === expected, `#${i} sig ${n}`);
    const s = Buffer.from(sig, "hex");
    check("Java's signature is fc-canonical", !(s[1] & 0x80) && !(s[1] === 0 && !(s[2] & 0x80)) && !(s[33] & 0x80) && !(s[33] === 0 && !(s[34] & 0x80)), `#${i}`);
  });
});

// 3. dhive signs Java's normalised transactions; Java recovers them. dhive's serializer must give
//    Java's bytes for the normalised form, and its deterministic signatures must equal Java's.
const chainId = Buffer.from(MAINNET, "hex");
const dhiveSigned = javaSigned.map(({ tx, subset }, i) => {
  const unsigned = { ...tx, signatures: [] };
  const buffer = new ByteBuffer(ByteBuffer.DEFAULT_CAPACITY, ByteBuffer.LITTLE_ENDIAN);
  dhive.Types.Transaction(buffer, unsigned);
  buffer.flip();
  const dhiveHex = Buffer.from(buffer.toBuffer()).toString("hex");
  check("dhive bytes = Java (normalised form)", dhiveHex === legacy[i].hex, `#${i}`);
  const signed = dhive.cryptoUtils.signTransaction(unsigned, subset.map((k) => SIGNER_WIFS[k]), chainId);
  check("dhive signature bytes = Java's", JSON.stringify(signed.signatures) === JSON.stringify(tx.signatures), `#${i}`);
  return signed;
});
const verified = java(dhiveSigned, "tx", "verify");
verified.forEach((v, i) => {
  if (v.error) { check("Java verifies dhive's transactions", false, `#${i}: ${v.error}`); return; }
  const subset = javaSigned[i].subset;
  v.signatures.forEach((s, n) => {
    check("Java recovers dhive's signature", s.public_key === pub(subset[n]) && s.canonical === true, `#${i} sig ${n}`);
  });
});

// 4. Password-derived keys agree across the three implementations.
for (let i = 0; i < 20; i++) {
  const name = account(), password = unicode(30) || "p", role = pick(["owner", "active", "posting", "memo"]);
  const w = wax.getPrivateKeyFromPassword(name, role, password);
  const d = dhive.PrivateKey.fromLogin(name, password, role);
  const r = spawnSync("java", ["-jar", JAR, "keys", "derive", "--account", name, "--role", role, "--password-env", "HS_PW", "--show-private"], { env: { ...process.env, HS_PW: password }, encoding: "utf8" });
  const j = JSON.parse(r.stdout);
  check("password key = wax = dhive", j.private_key === w.wifPrivateKey && j.private_key === d.toString() && j.public_key === w.associatedPublicKey, `${name}/${role}`);
}

rmSync(work, { recursive: true, force: true });
const kinds = txs.reduce((m, t) => { t.operations.forEach(([n]) => (m[n] = (m[n] || 0) + 1)); return m; }, {});
console.log(`interop: ${COUNT} transactions, seed ${SEED}; operations ${JSON.stringify(kinds)}`);
process.exit(report("interop") ? 0 : 1);
