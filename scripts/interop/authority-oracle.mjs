// Authority oracle: does a signed transaction's set of signatures satisfy the authorities it needs?
// Decided with Hive's own C++ (hived's libraries/protocol, compiled to WebAssembly in @hiveio/wax 2.0.2),
// cross-checked on every call against a line-by-line JavaScript port of hived's verify_authority.
//
// WHAT WAX PROVIDES (established by reading wax's bundle and C++ source, and by experiment):
//   * wax 2.0.2 has no accept/reject call. Its only authority check is
//     IOnlineTransaction.generateAuthorityVerificationTrace(useLegacy, externalTx), which runs the C++
//     foundation::cpp_trace_authority_verification -> hive::protocol::verify_authority_with_tracing with
//     the flags HARD-CODED to allow_strict_and_mixed_authorities=false, allow_redundant_signatures=false
//     ("TODO: FIXME allow to pass by params" in wax core/foundation.cpp), i.e. the PRE-HF28 rules, with
//     HIVE_MAX_SIG_CHECK_DEPTH=2, HIVE_MAX_AUTHORITY_MEMBERSHIP=40, HIVE_MAX_SIG_CHECK_ACCOUNTS=125.
//     Experiment agrees: an owner key satisfies a transfer (role upgrade), and a transaction needing
//     posting and active yields only the posting checks (the pre-HF28 posting branch returns early).
//   * The trace is NOT a verdict: the traced run's problem handlers "continue verification", the
//     trace's verification_status is always 0 (not even exposed to JS), and the JS field
//     verificationStatus reflects only the LAST root authority checked. By experiment: a transfer
//     2-of-3 signed by 3 keys, a transfer signed by an extra unrelated key, and a two-transfer
//     transaction whose first sender did not sign all get verificationStatus.entryAccepted=true.
//     Hived rejects the first two before HF28 ("Unnecessary signature(s) detected") and the third always.
//   * Accounts are fetched with database_api.find_accounts({accounts,delayed_votes_active:true}) from
//     the chain's apiEndpoint (after database_api.get_dynamic_global_properties for createTransaction).
//     This module starts a private JSON-RPC server on 127.0.0.1 that answers those from the given
//     accounts; nothing leaves the machine. (wax loops forever if find_accounts omits an account that
//     the C++ asks for, so unknown names are answered with the placeholder authority
//     {weight_threshold:1, account_auths:[], key_auths:[]} and reported in `unknownAccounts`.)
//   * The trace records, per root authority check (account, role), whether it passed, and every key
//     whose signed_by() matched (only matched keys get entries). externalTx is duck-typed, so the
//     signer keys and required authorities fed to the C++ are chosen here.
//
// HOW THE VERDICTS ARE DERIVED (both returned; `accepted` is the one for the oracle's `mode`):
//   Common: signer keys are recovered by wax (cpp_tx_signature_keys / getPublicKeyFromSignature, which
//   reject non-canonical signatures); two signatures recovering to one key => rejected
//   ("duplicate_signature", hived's signed_transaction::get_signature_keys; wax itself silently dedups);
//   a required account missing from `accounts` => rejected ("unknown_account").
//   preHf28 (hived < 1.28: has_hardfork(HF28) false for both flags in database.cpp):
//     - posting mixed with active/owner/other in one transaction => "mixed_with_posting";
//     - posting satisfied by posting, else by active, else by owner authority (role upgrade);
//       active by active, else owner; owner by owner; nested account_auths use the role being checked
//       (posting phase: posting authorities of members, even under an upgrade; else active);
//     - every signer key must have been looked at by the walk, else "unused_signature" (so 2-of-3
//       signed by 3 is REJECTED: the walk stops after the 2nd key).
//     Derived from ONE wax trace of the transaction (root pass/fail + matched keys).
//   hf28 (hived >= 1.28: allow_strict_and_mixed_authorities = allow_redundant_signatures = true):
//     - each role only by its own authority (no upgrade: posting key can't sign for active, active
//       key can't satisfy posting, active can't satisfy owner); posting may be mixed with active/owner;
//       unused (redundant) signatures allowed (2-of-3 signed by 3 is ACCEPTED); the 125
//       account-lookup limit counts across the whole transaction instead of per root.
//     Derived from the FIRST root check of each requirement in the wax trace (identical to the
//     strict check as long as all earlier checks passed); for a transaction mixing posting with
//     active/owner a second wax trace is run with the posting requirement removed.
//   Cross-check: the JS port below (hived's verify_authority_impl + sign_state) runs in the same traced
//   mode as wax and must reproduce wax's roots and matched keys exactly, and its hived-mode (stop at
//   first failure) verdicts must equal the wax-derived ones; otherwise verdict() throws. Only the
//   HF28 125-account limit (and dangling account_auths) is decided by the port alone (`portOnly`).
//
// DIGESTS: hf26 packing (default) = wax sigDigest. Legacy packing: wax is a mainnet build and writes
// HIVE/HBD as "STEEM"/"SBD" symbol bytes; a testnet hived writes "TESTS"/"TBD". wax REJECTS "TESTS"/"TBD"
// amounts (assert in string_to_asset_num), so they are rewritten to HIVE/HBD before wax parses the JSON
// (except in free-text fields: memo, json, json_metadata, posting_json_metadata, body, title, permlink,
// parent_permlink, url, id), and for the testnet the legacy digest is recomputed here as
// sha256(chain_id || legacy bytes) with the symbol bytes patched to TESTS/TBD at the offsets wax reports.
// Keys: "TST..." public keys (in authorities and in operations) are accepted and treated as "STM..."
// (same key bytes; wax rejects the TST prefix).
// Authorities are normalised like hived's from_variant: a repeated key/account keeps its first weight.
//
// API:
//   const oracle = await createAuthorityOracle({ chainId, mode = "hf28" | "pre-hf28",
//                                                packing = "hf26" | "legacy", testnetSymbols });
//   const v = await oracle.verdict(txJson /* legacy or HF26 API JSON, with signatures */, accounts,
//                                  { packing });   // accounts: {name: {owner, active, posting}} or Map
//   v = { accepted, reason, mode, packing, preHf28: {accepted, reason}, hf28: {accepted, reason},
//         digest, legacyDigest, waxLegacyDigest, requiredAuthorities: {posting, active, owner, other},
//         signatureKeys, legacySignatureKeys, usedKeys, unknownAccounts, portOnly, waxRoots, millis }
//   oracle.close()
import { createHiveChain } from "@hiveio/wax";
import dhive from "@hiveio/dhive";
import http from "node:http";
import { createHash } from "node:crypto";

export const MAINNET_CHAIN_ID = "beeab0de00000000000000000000000000000000000000000000000000000000";
export const TESTNET_CHAIN_ID = "18dcf0a285365fc58b71f18b3d3fec954aa0c141c44e4e5cb4cf777b9eab274e";
const LIMITS = { recursion: 2, membership: 40, accountAuths: 125 };
const PLACEHOLDER = { weight_threshold: 1, account_auths: [], key_auths: [] };
const FREE_TEXT = new Set(["memo", "json", "json_metadata", "posting_json_metadata", "body", "title", "permlink", "parent_permlink", "url", "id"]);

// ---------- small helpers ----------
const stm = (k) => (typeof k === "string" && k.startsWith("TST") ? "STM" + k.slice(3) : k);
const keyBytesCache = new Map();
function keyBytes(k) {
  let b = keyBytesCache.get(k);
  if (!b) { b = Buffer.from(dhive.PublicKey.fromString(k).key); keyBytesCache.set(k, b); }
  return b;
}
const byKeyBytes = (a, b) => Buffer.compare(keyBytes(a), keyBytes(b));
const byName = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)); // fixed_string order = byte order
function firstWins(pairs) {
  const m = new Map();
  for (const [k, w] of pairs ?? []) if (!m.has(k)) m.set(k, Number(w));
  return [...m];
}
function normaliseAuthority(a) {
  return {
    weight_threshold: Number(a.weight_threshold),
    account_auths: firstWins(a.account_auths),
    key_auths: firstWins((a.key_auths ?? []).map(([k, w]) => [stm(k), w])),
  };
}
// For the port: maps sorted as the C++ flat_maps are.
function sortedAuthority(a) {
  return { weight_threshold: a.weight_threshold, account_auths: [...a.account_auths].sort((x, y) => byName(x[0], y[0])), key_auths: [...a.key_auths].sort((x, y) => byKeyBytes(x[0], y[0])) };
}
// Prepares JSON for wax (a mainnet build): TESTS/TBD amounts -> HIVE/HBD (when `assets`), and
// TST-prefixed public keys -> STM (the prefix is not serialised). Free-text fields are left alone.
function forWax(v, key, assets) {
  if (typeof v === "string") {
    if (FREE_TEXT.has(key)) return v;
    if (/^TST[1-9A-HJ-NP-Za-km-z]{46,51}$/.test(v)) return stm(v);
    const m = assets && /^(-?\d+(?:\.\d+)?) (TESTS|TBD)$/.exec(v);
    return m ? `${m[1]} ${m[2] === "TESTS" ? "HIVE" : "HBD"}` : v;
  }
  if (Array.isArray(v)) return v.map((x) => forWax(x, key, assets));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, forWax(x, k, assets)]));
  return v;
}
function symbolNodes(nodes, out = []) {
  for (const n of nodes ?? []) {
    if (n.key === "symbol" && n.type === "scalar" && n.size === 8) out.push(n);
    if (n.children) symbolNodes(n.children, out);
  }
  return out;
}

// ---------- JS port of hived's verify_authority_impl + sign_state (libraries/protocol) ----------
class UnknownAccount extends Error {}
/**
 * flags: { strictMixed, redundant, traced }. traced = wax's verify_authority_with_tracing (problems do
 * not stop the walk); otherwise hived's verify_authority (first problem ends it).
 * required: { posting, active, owner: string[], other: authority[] }; keys: distinct signer keys.
 * getAuth(name, role) -> sorted authority, or throws UnknownAccount.
 */
export function verifyAuthorityPort(flags, required, keys, getAuth) {
  const roots = [], problems = [];
  const provided = new Map(keys.map((k) => [k, false]));
  const approved = new Set();
  let count = 0, current = "posting", accountLimitHit = false;
  const fail = (problem, id = "") => { problems.push({ problem, id }); return !flags.traced; };
  const signedBy = (k) => { if (!provided.has(k)) return false; provided.set(k, true); return true; };

  function impl(auth, depth, root) {
    let total = 0, membership = 0;
    const more = () => { ++membership; return !(LIMITS.membership > 0 && membership >= LIMITS.membership); };
    for (const [k, w] of auth.key_auths) {
      if (signedBy(k)) {
        total += w;
        root.keys.add(k);
        if (total >= auth.weight_threshold) return true;
      }
      if (!more()) return false;
    }
    for (const [a, w] of auth.account_auths) {
      if (!approved.has(a)) {
        if (depth === LIMITS.recursion) continue;
        if (LIMITS.accountAuths > 0 && count >= LIMITS.accountAuths) { accountLimitHit = true; return false; }
        ++count;
        const ok = impl(getAuth(a, current), depth + 1, root);
        if (ok) {
          approved.add(a);
          total += w;
          if (total >= auth.weight_threshold) return true;
        }
      } else {
        total += w;
        if (total >= auth.weight_threshold) return true;
      }
      if (!more()) return false;
    }
    return total >= auth.weight_threshold;
  }
  function checkAccount(id, role) { // sign_state::check_authority(id), current getter
    const auth = getAuth(id, current);
    const root = { id, role, accepted: false, keys: new Set() };
    roots.push(root);
    if (approved.has(id)) return (root.accepted = true);
    if (flags.strictMixed) ++count; else count = 1;
    return (root.accepted = impl(auth, 0, root));
  }
  function checkAuth(auth, id, role) { // sign_state::check_authority(auth, id, role)
    const root = { id, role, accepted: false, keys: new Set() };
    roots.push(root);
    if (!flags.strictMixed) count = 0;
    return (root.accepted = impl(auth, 0, root));
  }
  const removeUnused = () => [...provided.values()].some((used) => !used);
  const done = () => ({
    ok: problems.length === 0, problems, roots, accountLimitHit,
    usedKeys: [...provided].filter(([, u]) => u).map(([k]) => k),
  });

  if (required.posting.length) {
    if (!flags.strictMixed && !(required.active.length === 0 && required.owner.length === 0 && required.other.length === 0)) {
      if (fail("mixed_with_posting")) return done();
    }
    for (const id of required.posting) {
      const ok = flags.strictMixed
        ? checkAccount(id, "posting")
        : checkAccount(id, "posting") || checkAuth(getAuth(id, "active"), id, "active") || checkAuth(getAuth(id, "owner"), id, "owner");
      if (!ok && fail("missing_posting", id)) return done();
    }
    if (!flags.strictMixed) {
      if (!flags.redundant && removeUnused() && fail("unused_signature")) return done();
      return done();
    }
  }
  current = "active";
  approved.clear();
  for (const auth of required.other) if (!checkAuth(auth, "?", "?") && fail("missing_other")) return done();
  for (const id of required.active) {
    const ok = flags.strictMixed ? checkAccount(id, "active") : checkAccount(id, "active") || checkAuth(getAuth(id, "owner"), id, "owner");
    if (!ok && fail("missing_active", id)) return done();
  }
  for (const id of required.owner) if (!checkAuth(getAuth(id, "owner"), id, "owner") && fail("missing_owner", id)) return done();
  if (!flags.redundant && removeUnused() && fail("unused_signature")) return done();
  return done();
}

// ---------- reading wax's trace ----------
function traceSummary(trace) {
  const keysOf = (entry, out) => {
    for (const e of entry.visitedEntries ?? []) {
      if (/^(STM|TST)/.test(e.processedEntry)) out.add(e.processedEntry);
      keysOf(e, out);
    }
    return out;
  };
  return trace.rootEntries.map((r) => ({ id: r.processedEntry, role: r.processedRole, accepted: r.processingStatus.entryAccepted, keys: keysOf(r, new Set()) }));
}
/**
 * Walks wax's roots in the C++ order (posting ids, other, active ids, owner ids; ids sorted) and returns,
 * per requirement, its first ("strict") root and whether it was satisfied with pre-HF28 role upgrades.
 */
function readRoots(roots, required, postingOnly) {
  const out = [];
  let i = 0;
  const take = (id, role) => {
    const r = roots[i];
    if (!r || r.id !== id || r.role !== role) throw new Error(`wax trace structure: expected root ${id}/${role} at ${i}, got ${r ? r.id + "/" + r.role : "nothing"}`);
    i++;
    return r;
  };
  const chain = (problem, id, roles, label = id) => {
    const first = take(id, roles[0]);
    let ok = first.accepted;
    for (const role of roles.slice(1)) { if (ok) break; ok = take(id, role).accepted; }
    out.push({ problem, id: label, strict: first.accepted, upgraded: ok });
  };
  for (const id of required.posting) chain("missing_posting", id, ["posting", "active", "owner"]);
  if (!postingOnly) {
    for (let n = 0; n < required.other.length; n++) chain("missing_other", "?", ["?"], "");
    for (const id of required.active) chain("missing_active", id, ["active", "owner"]);
    for (const id of required.owner) chain("missing_owner", id, ["owner"]);
  }
  if (i !== roots.length) throw new Error(`wax trace structure: ${roots.length - i} unexpected roots`);
  return out;
}

// ---------- the oracle ----------
export async function createAuthorityOracle({ chainId = TESTNET_CHAIN_ID, mode = "hf28", packing = "hf26", testnetSymbols } = {}) {
  if (!["hf28", "pre-hf28"].includes(mode)) throw new Error(`mode: ${mode}`);
  testnetSymbols ??= chainId !== MAINNET_CHAIN_ID;
  let accounts = new Map(); // name -> normalised {owner, active, posting}
  const requested = new Set();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      let id = null, reply;
      try {
        const r = JSON.parse(body);
        id = r.id;
        if (r.method === "database_api.get_dynamic_global_properties") {
          reply = { result: { head_block_number: 1, head_block_id: "00000001" + "0".repeat(32), time: "2026-01-01T00:00:00" } };
        } else if (r.method === "database_api.find_accounts") {
          reply = { result: { accounts: r.params.accounts.map((name) => {
            requested.add(name);
            const a = accounts.get(name) ?? { owner: PLACEHOLDER, active: PLACEHOLDER, posting: PLACEHOLDER };
            return { name, owner: a.owner, active: a.active, posting: a.posting, memo_key: "STM1111111111111111111111111111111114T1Anm" };
          }) } };
        } else if (r.method === "database_api.find_witnesses") {
          reply = { result: { witnesses: [] } };
        } else {
          reply = { error: { code: -32601, message: `authority oracle: unsupported ${r.method}` } };
        }
      } catch (e) {
        reply = { error: { code: -32700, message: String(e) } };
      }
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ jsonrpc: "2.0", id, ...reply }));
    });
  });
  await new Promise((ok, ko) => server.once("error", ko).listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  const chain = await createHiveChain({ chainId, apiEndpoint: url, restApiEndpoint: url, apiTimeout: 10_000 });
  const online = await chain.createTransaction();

  async function waxTrace(keys, signatures, required) {
    const externalTx = {
      transaction: { signatures },
      requiredAuthorities: { posting: new Set(required.posting), active: new Set(required.active), owner: new Set(required.owner), other: required.waxOther },
      signatureKeys: keys,
      legacy_signatureKeys: keys,
    };
    return traceSummary(await online.generateAuthorityVerificationTrace(false, externalTx));
  }

  let queue = Promise.resolve();
  async function verdictNow(txJson, accountMap, opts) {
    const t0 = performance.now();
    const usePacking = opts.packing ?? packing;
    accounts = new Map();
    for (const [name, a] of accountMap instanceof Map ? accountMap : Object.entries(accountMap ?? {})) {
      accounts.set(name, { owner: normaliseAuthority(a.owner), active: normaliseAuthority(a.active), posting: normaliseAuthority(a.posting) });
    }
    requested.clear();

    // Parse (legacy or HF26 JSON), digests and signer keys, all by wax.
    const src = typeof txJson === "string" ? JSON.parse(txJson) : structuredClone(txJson);
    const isHf26 = (src.operations ?? []).some((op) => op && !Array.isArray(op) && typeof op === "object" && "type" in op);
    const signatures = [...(src.signatures ?? [])];
    const parsed = { ...src, operations: forWax(src.operations, "operations", testnetSymbols && !isHf26), extensions: forWax(src.extensions ?? [], "extensions", false) };
    const tx = isHf26 ? chain.createTransactionFromJson(parsed) : chain.createTransactionFromLegacyJson(parsed);
    const unsigned = chain.createTransactionFromJson({ ...tx.toApiJson(), signatures: [] });
    const digest = tx.sigDigest;
    const waxLegacyDigest = tx.legacy_sigDigest;
    const meta = unsigned.legacy_binaryViewMetadata;
    const bin = Buffer.from(meta.binary.replace(/00$/, ""), "hex");
    const sha = (b) => createHash("sha256").update(Buffer.concat([Buffer.from(chainId, "hex"), b])).digest("hex");
    if (sha(bin) !== waxLegacyDigest) throw new Error("authority oracle: cannot reproduce wax's legacy digest");
    let patched = 0;
    if (testnetSymbols) {
      for (const n of symbolNodes(meta.offsets)) {
        const name = { STEEM: "TESTS", SBD: "TBD" }[n.value];
        if (!name) continue;
        Buffer.from(name.padEnd(7, "\0"), "latin1").copy(bin, n.offset + 1);
        patched++;
      }
    }
    const legacyDigest = sha(bin);
    const recover = (d) => { try { return { keys: signatures.map((s) => chain.getPublicKeyFromSignature(d, s)) }; } catch (e) { return { error: String(e.message ?? e).slice(0, 300) }; } };
    const hf26Keys = (() => { try { return { keys: tx.signatureKeys }; } catch (e) { return { error: String(e.message ?? e).slice(0, 300) }; } })();
    const legacyKeys = patched ? recover(legacyDigest) : (() => { try { return { keys: tx.legacy_signatureKeys }; } catch (e) { return { error: String(e.message ?? e).slice(0, 300) }; } })();
    const ra = tx.requiredAuthorities;
    const required = {
      posting: [...ra.posting].sort(byName), active: [...ra.active].sort(byName), owner: [...ra.owner].sort(byName),
      other: ra.other.map((a) => sortedAuthority(normaliseAuthority({ weight_threshold: a.weight_threshold, account_auths: Object.entries(a.account_auths), key_auths: Object.entries(a.key_auths) }))),
      waxOther: ra.other,
    };
    const result = {
      accepted: false, reason: "", mode, packing: usePacking,
      preHf28: null, hf28: null,
      digest, legacyDigest, waxLegacyDigest,
      requiredAuthorities: { posting: required.posting, active: required.active, owner: required.owner, other: required.other },
      signatureKeys: hf26Keys.keys ?? null, legacySignatureKeys: legacyKeys.keys ?? null,
      usedKeys: [], unknownAccounts: [], portOnly: false, waxRoots: [], millis: 0,
    };
    const finish = (pre, hf) => {
      result.preHf28 = pre;
      result.hf28 = hf;
      ({ accepted: result.accepted, reason: result.reason } = mode === "hf28" ? hf : pre);
      result.unknownAccounts = [...requested].filter((n) => !accounts.has(n));
      result.millis = Math.round((performance.now() - t0) * 10) / 10;
      return result;
    };
    const both = (reason) => finish({ accepted: false, reason }, { accepted: false, reason });

    const signer = usePacking === "legacy" ? legacyKeys : hf26Keys;
    if (signer.error) return both(`bad_signature: ${signer.error}`);
    const keys = signer.keys;
    const distinct = [...new Set(keys)];
    if (distinct.length !== keys.length) return both("duplicate_signature");
    const missing = [...required.posting, ...required.active, ...required.owner].find((n) => !accounts.has(n));
    if (missing) return both(`unknown_account ${missing}`);

    // wax: one trace of the transaction (pre-HF28 rules); for HF28 and a posting+active/owner mix,
    // a second trace without the posting requirement.
    const mixed = required.posting.length > 0 && (required.active.length + required.owner.length + required.other.length) > 0;
    const rootsA = await waxTrace(distinct, signatures, required);
    const readA = readRoots(rootsA, required, mixed);
    let strictReads = readA;
    let rootsB = [];
    if (mixed) {
      rootsB = await waxTrace(distinct, signatures, { ...required, posting: [] });
      strictReads = [...readA, ...readRoots(rootsB, { ...required, posting: [] }, false)];
    }
    result.waxRoots = [...rootsA, ...rootsB].map((r) => ({ ...r, keys: [...r.keys] }));
    const used = new Set(rootsA.flatMap((r) => [...r.keys]));
    result.usedKeys = [...used];

    let waxPre;
    if (mixed) waxPre = { accepted: false, reason: "mixed_with_posting" };
    else {
      const bad = readA.find((r) => !r.upgraded);
      if (bad) waxPre = { accepted: false, reason: `${bad.problem} ${bad.id}`.trim() };
      else if (distinct.some((k) => !used.has(k))) waxPre = { accepted: false, reason: "unused_signature" };
      else waxPre = { accepted: true, reason: "" };
    }
    const badStrict = strictReads.find((r) => !r.strict);
    const waxHf = badStrict ? { accepted: false, reason: `${badStrict.problem} ${badStrict.id}`.trim() } : { accepted: true, reason: "" };

    // Cross-check with the JS port.
    const sorted = new Map();
    const getter = (placeholder) => (name, role) => {
      const a = accounts.get(name);
      if (!a) { if (placeholder) return PLACEHOLDER; throw new UnknownAccount(name); }
      const key = name + "/" + role;
      if (!sorted.has(key)) sorted.set(key, sortedAuthority(a[role]));
      return sorted.get(key);
    };
    const portTraced = verifyAuthorityPort({ strictMixed: false, redundant: false, traced: true }, required, distinct, getter(true));
    const sig = (rs) => JSON.stringify(rs.map((r) => [r.id, r.role, r.accepted, [...r.keys].sort()]));
    if (sig(portTraced.roots) !== sig(rootsA)) throw new Error(`authority oracle: JS port and wax disagree on the trace\n wax:  ${sig(rootsA)}\n port: ${sig(portTraced.roots)}`);
    const hived = (flags) => {
      try {
        const r = verifyAuthorityPort({ ...flags, traced: false }, required, distinct, getter(false));
        return { accepted: r.ok, reason: r.ok ? "" : `${r.problems[0].problem} ${r.problems[0].id}`.trim(), accountLimitHit: r.accountLimitHit };
      } catch (e) {
        if (e instanceof UnknownAccount) return { accepted: false, reason: `unknown_account ${e.message}`, unknown: true };
        throw e;
      }
    };
    const portPre = hived({ strictMixed: false, redundant: false });
    const portHf = hived({ strictMixed: true, redundant: true });
    let pre = waxPre, hf = waxHf;
    const same = (a, b) => a.accepted === b.accepted && a.reason === b.reason;
    if (portPre.unknown) { pre = portPre; result.portOnly = true; }
    else if (!same(portPre, waxPre)) throw new Error(`authority oracle: pre-HF28 verdict: wax ${JSON.stringify(waxPre)} port ${JSON.stringify(portPre)}`);
    if (portHf.unknown || portHf.accountLimitHit) { hf = { accepted: portHf.accepted, reason: portHf.reason }; result.portOnly = true; }
    else if (!same(portHf, waxHf)) throw new Error(`authority oracle: HF28 verdict: wax ${JSON.stringify(waxHf)} port ${JSON.stringify(portHf)}`);
    return finish({ accepted: pre.accepted, reason: pre.reason }, { accepted: hf.accepted, reason: hf.reason });
  }

  return {
    chainId, mode,
    /** Serialised: the private JSON-RPC server holds one account set at a time. */
    verdict(txJson, accountMap, opts = {}) {
      const run = queue.then(() => verdictNow(txJson, accountMap, opts));
      queue = run.catch(() => {});
      return run;
    },
    async close() {
      await queue;
      try { chain.delete(); } catch { /* already gone */ }
      server.closeAllConnections?.();
      await new Promise((ok) => server.close(() => ok()));
    },
  };
}
