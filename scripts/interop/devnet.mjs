// Devnet interop: the devnet (hivesafe devnet, the jar) driven by a real Hive client (@hiveio/dhive) and
// its signature/authority decisions compared with Hive's own C++ (@hiveio/wax, through
// authority-oracle.mjs) on seeded random transactions.
//
//   A. dhive reads blocks and global properties, broadcasts a transfer, an account_update of bob's
//      active to a 2-of-3 key authority and a 2-of-3 signed transfer (each seen in a block), and gets
//      hived's refusals for an unsigned, an expired and a duplicate transaction; reads the transfer back
//      from both accounts' history (getAccountHistory, plain and with dhive's operation bitmask).
//   B. For --hardfork 28 (oracle mode "hf28") and --hardfork 27 (mode "pre-hf28"): a fresh devnet,
//      authorities made interesting by broadcasts (alice active 2-of-3, bob active = alice or a key,
//      carol active = a key and bob, posting authorities with account_auths and weights), then --count
//      random transactions (transfers, custom_json, account_update(2) with json metadata, rarely
//      authority or owner changes), each signed by a random key set over the HF26 or the legacy digest.
//      For each: the oracle's verdict with the accounts read back from the devnet (find_accounts),
//      the devnet's answer to the broadcast, compared; then the ids in the blocks against the id of
//      the packing that passed. Refusals for non-authority reasons are counted apart ("other").
//
// The oracle answers per packing; hived (chain_plugin determine_encoding_and_accept_transaction) tries
// the HF26 packing and, only when that fails with a transaction_auth_exception (a missing
// active/owner/posting/other authority), the legacy packing. The expected outcome here is built the same
// way from the two oracle verdicts.
//
// The devnet runs under a small bash wrapper that kills it when this process's pipe to the wrapper
// closes, so it never outlives this script, even when the script is killed.
//
// usage: node devnet.mjs --jar PATH [--count N] [--seed S]     (N random transactions per hardfork)
import { prng } from "./seeded.mjs";
import { createChecks } from "./checks.mjs";
import { createWaxFoundation } from "@hiveio/wax";
import dhive from "@hiveio/dhive";
import { spawn } from "node:child_process";
import { createAuthorityOracle, TESTNET_CHAIN_ID } from "./authority-oracle.mjs";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const JAR = args.jar;
const COUNT = Number(args.count ?? 250);
const SEED = Number(args.seed ?? 20261121);
const BLOCK_MS = 300;
if (!JAR) throw new Error("--jar is required");
const CHAIN_ID = TESTNET_CHAIN_ID;
const CHAIN = Buffer.from(CHAIN_ID, "hex");
const t0 = performance.now();

// ---- checks ----
const { check, report } = createChecks();
const info = [];

// ---- the devnet child ----
const WRAPPER = [
  'exec 3<&0',
  'java -jar "$0" devnet "$@" </dev/null &',
  'pid=$!',
  // The watcher: when the parent's pipe on fd 3 closes (normal end, crash or kill of node), stop the devnet.
  '{ cat <&3 >/dev/null; kill -0 "$pid" 2>/dev/null && kill -TERM "$pid"; } >/dev/null 2>&1 &',
  'exec 3<&-',
  'wait "$pid"',
].join("\n");
const running = new Set();
async function startDevnet(extra) {
  const what = ["devnet", ...extra].join(" ");
  const child = spawn("bash", ["-c", WRAPPER, JAR, "--port", "0", "--block-ms", String(BLOCK_MS), ...extra], { stdio: ["pipe", "pipe", "pipe"] });
  running.add(child);
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  const stop = async () => {
    if (!running.has(child)) return;
    running.delete(child);
    child.stdin.end();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((ok) => child.once("exit", ok));
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const line = await new Promise((ok, ko) => {
    let out = "";
    const timer = setTimeout(() => ko(new Error(`${what}: no line within 60 s; stderr: ${stderr}`)), 60_000);
    child.stdout.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) { clearTimeout(timer); ok(out.slice(0, nl)); }
    });
    child.once("exit", (code) => { clearTimeout(timer); ko(new Error(`${what} exited (${code}) before its line; stderr: ${stderr}`)); });
  }).catch(async (e) => { await stop(); throw e; });
  const m = /^devnet listening on (http:\/\/127\.0\.0\.1:\d+) chain_id ([0-9a-f]{64}) \((.*)\)$/.exec(line);
  if (!m) { await stop(); throw new Error(`devnet: unexpected first line: ${line}`); }
  return { url: m[1], chainId: m[2], banner: m[3], stop };
}
function stopAllNow() { for (const c of running) { try { c.stdin.end(); } catch { /* gone */ } } }
process.on("exit", stopAllNow);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => { stopAllNow(); process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[sig]); });

// ---- JSON-RPC without a client library (part B, and what dhive has no helper for) ----
let rpcId = 0;
async function rpc(url, method, params) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: ++rpcId, method, params }) });
  const body = await res.json();
  if (body.error) { const e = new Error(body.error.message); e.rpc = body.error; throw e; }
  return body.result;
}
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
async function headNumber(url) { return (await rpc(url, "database_api.get_dynamic_global_properties", {})).head_block_number; }
async function waitForBlock(url, after) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const h = await headNumber(url);
    if (h > after) return h;
    if (Date.now() > deadline) throw new Error(`no block after ${after} within 10 s`);
    await sleep(50);
  }
}

// ---- keys ----
const NAMES = ["alice", "bob", "carol", "initminer"];
const INITMINER_WIF = "5JNHfZYKGaomSFvd4NUdQ9qMcEAC43kujbfjueTHpVapX1Kzq2n";
const KEYS = new Map(); // label -> { priv, pub }
const BY_PUB = new Map(); // pub -> label
function addKey(label, priv) { const pub = priv.createPublic("STM").toString(); KEYS.set(label, { priv, pub }); BY_PUB.set(pub, label); }
for (const n of ["alice", "bob", "carol"]) for (const role of ["owner", "active", "posting", "memo"]) addKey(`${n}/${role}`, dhive.PrivateKey.fromLogin(n, "password", role));
addKey("initminer", dhive.PrivateKey.fromString(INITMINER_WIF));
for (const k of ["A1", "A2", "A3", "B1", "C1", "P1", "P2", "O1", "U1", "U2", "M1", "M2", "M3"]) addKey(k, dhive.PrivateKey.fromSeed(`hivesafe-devnet-interop-${SEED}-${k}`));
const pub = (label) => KEYS.get(label).pub;
// Authorities in hived's order (its flat_maps sort when reading JSON; dhive serialises in the given order,
// so an unsorted authority would be signed over other bytes than the chain's).
const keyBytes = (k) => Buffer.from(dhive.PublicKey.fromString(k).key);
const sortAuth = (a) => ({ ...a, account_auths: [...a.account_auths].sort((x, y) => Buffer.compare(Buffer.from(x[0]), Buffer.from(y[0]))), key_auths: [...a.key_auths].sort((x, y) => Buffer.compare(keyBytes(x[0]), keyBytes(y[0]))) });
const keyAuth = (threshold, keys, accounts = []) => sortAuth({ weight_threshold: threshold, account_auths: accounts, key_auths: keys.map(([k, w]) => [pub(k), w]) });

const wax = await createWaxFoundation({ chainId: CHAIN_ID });
const forWax = (tx) => ({ ...tx, signatures: [], operations: tx.operations.map(([name, op]) => [name, name === "transfer" ? { ...op, amount: op.amount.replace(/ TESTS$/, " HIVE").replace(/ TBD$/, " HBD") } : op]) });
/** Digests and ids of a legacy-JSON transaction: HF26 by wax, legacy (TESTS/TBD symbol bytes) by dhive. */
function packings(tx) {
  const w = wax.createTransactionFromLegacyJson(forWax(tx));
  const unsigned = { ...tx, signatures: [] };
  delete unsigned.signatures;
  return {
    hf26: { digest: Buffer.from(w.sigDigest, "hex"), id: w.id },
    legacy: { digest: dhive.cryptoUtils.transactionDigest(unsigned, CHAIN), id: dhive.cryptoUtils.generateTrxId(unsigned) },
    apiJson: () => w.toApiJson(),
  };
}
function signWith(tx, labels, digest) { return labels.map((l) => KEYS.get(l).priv.sign(digest).toString()); }
async function refBlock(url) {
  const p = await rpc(url, "database_api.get_dynamic_global_properties", {});
  return { p, ref_block_num: p.head_block_number & 0xffff, ref_block_prefix: Buffer.from(p.head_block_id, "hex").readUInt32LE(4), time: Date.parse(p.time + "Z") };
}
const isoAt = (ms) => new Date(ms).toISOString().slice(0, 19);
const errText = (e) => `${e.jse_info?.message ?? e.rpc?.data?.message ?? ""}:${e.rpc?.message ?? e.message}`;

// =====================================================================================================
// A. dhive drives the devnet
// =====================================================================================================
async function partA() {
  const dn = await startDevnet([]);
  try {
    check("A devnet line: testnet chain id", dn.chainId === CHAIN_ID, dn.chainId);
    const client = new dhive.Client(dn.url, { chainId: CHAIN_ID, addressPrefix: "STM", timeout: 10_000, failoverThreshold: 3 });
    const hex8 = (n) => n.toString(16).padStart(8, "0");

    // Reads: properties, blocks, links.
    const p1 = await client.database.getDynamicGlobalProperties();
    check("A properties: head id starts with the head number", p1.head_block_id.startsWith(hex8(p1.head_block_number)), JSON.stringify(p1).slice(0, 200));
    check("A properties: time = genesis + 3 s x head", Date.parse(p1.time + "Z") === Date.parse("2026-01-01T00:00:00Z") + 3000 * p1.head_block_number, p1.time);
    check("A properties: last irreversible <= head", p1.last_irreversible_block_num <= p1.head_block_number, `${p1.last_irreversible_block_num}`);
    await sleep(4 * BLOCK_MS);
    const p2 = await client.database.getDynamicGlobalProperties();
    check("A properties: head number grows", p2.head_block_number > p1.head_block_number, `${p1.head_block_number} -> ${p2.head_block_number}`);
    let prev = null;
    for (let n = 1; n <= p2.head_block_number; n++) {
      const b = await client.database.getBlock(n);
      check("A get_block: block id starts with its number", b.block_id.startsWith(hex8(n)), `#${n} ${b.block_id}`);
      check("A get_block: previous links to the block before", b.previous === (prev ? prev.block_id : "0".repeat(40)), `#${n} previous ${b.previous}`);
      check("A get_block: witness initminer, time 3 s after the block before", b.witness === "initminer" && (!prev || Date.parse(b.timestamp + "Z") - Date.parse(prev.timestamp + "Z") === 3000), `#${n}`);
      prev = b;
    }
    const viaBlockApi = await client.call("block_api", "get_block", { block_num: p2.head_block_number });
    check("A block_api.get_block = condenser_api.get_block", viaBlockApi.block.block_id === prev.block_id && viaBlockApi.block.previous === prev.previous, `${viaBlockApi.block?.block_id} vs ${prev.block_id}`);
    const h = await client.database.getBlockHeader(p2.head_block_number);
    check("A get_block_header = get_block", h.previous === prev.previous && h.timestamp === prev.timestamp && h.transaction_merkle_root === prev.transaction_merkle_root, JSON.stringify(h));
    const hf = await client.call("condenser_api", "get_hardfork_version", []);
    check("A get_hardfork_version = 1.28.0 by default", hf === "1.28.0", hf);

    // Waits until `id` is in a block (dhive reads), returns the block number and the block.
    let scanned = 0;
    async function landed(id, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const head = (await client.database.getDynamicGlobalProperties()).head_block_number;
        for (let n = Math.max(1, scanned - 3); n <= head; n++) {
          const b = await client.database.getBlock(n);
          const i = b.transaction_ids.indexOf(id);
          if (i >= 0) return { n, b, tx: b.transactions[i] };
        }
        scanned = head;
        if (Date.now() > deadline) return null;
        await sleep(100);
      }
    }

    // 1. A transfer signed by alice's active key.
    const aliceActive = KEYS.get("alice/active").priv;
    const [bobBefore] = await client.database.getAccounts(["bob"]);
    const sent = await client.broadcast.transfer({ from: "alice", to: "bob", amount: "1.000 TESTS", memo: `devnet interop ${SEED}` }, aliceActive);
    const t1 = await landed(sent.id);
    check("A transfer (dhive, alice's active key) lands in a block", t1 !== null, sent.id);
    if (t1) check("A transfer: the block carries it as sent", t1.tx.transaction_id === sent.id && JSON.stringify(t1.tx.operations) === JSON.stringify([["transfer", { from: "alice", to: "bob", amount: "1.000 TESTS", memo: `devnet interop ${SEED}` }]]), JSON.stringify(t1.tx).slice(0, 300));
    const [bobAfter] = await client.database.getAccounts(["bob"]);
    check("A transfer: bob's balance + 1.000 TESTS", bobBefore.balance === "1000.000 TESTS" && bobAfter.balance === "1001.000 TESTS", `${bobBefore.balance} -> ${bobAfter.balance}`);

    // 1b. The transfer in account history: dhive's getAccountHistory is condenser_api.get_account_history,
    // which (as hived) shows only irreversible blocks, so wait for the last irreversible block to pass it.
    if (t1) {
      const deadline = Date.now() + 10_000;
      while ((await client.database.getDynamicGlobalProperties()).last_irreversible_block_num < t1.n && Date.now() < deadline) await sleep(100);
      for (const who of ["alice", "bob"]) {
        const history = await client.database.getAccountHistory(who, -1, 100);
        const entries = history.filter(([, e]) => e.trx_id === sent.id);
        const e = entries[0]?.[1];
        check(`A get_account_history (${who}): the transfer once, in its block, as the block carries it`,
          entries.length === 1 && e.block === t1.n && e.trx_in_block === t1.b.transaction_ids.indexOf(sent.id) && e.op_in_trx === 0
            && e.virtual_op === false && JSON.stringify(e.op) === JSON.stringify(t1.tx.operations[0]),
          JSON.stringify(entries).slice(0, 300));
        const sequences = history.map(([n]) => n);
        check(`A get_account_history (${who}): ascending sequence numbers without gaps`, sequences.every((n, i) => i === 0 || n === sequences[i - 1] + 1), JSON.stringify(sequences));
      }
      const transfers = await client.database.getAccountHistory("bob", -1, 100, dhive.utils.makeBitMaskFilter([dhive.utils.operationOrders.transfer]));
      check("A get_account_history with dhive's transfer bitmask: only transfers", transfers.length >= 1 && transfers.every(([, e]) => e.op[0] === "transfer"), JSON.stringify(transfers).slice(0, 300));
    }

    // 2. bob's active becomes 2-of-3 keys (derived by dhive from seeds).
    const multi = ["M1", "M2", "M3"];
    const active = keyAuth(2, multi.map((k) => [k, 1]));
    const upd = await client.broadcast.updateAccount({ account: "bob", active, memo_key: bobAfter.memo_key, json_metadata: "" }, KEYS.get("bob/active").priv);
    check("A account_update (bob active 2-of-3) lands in a block", (await landed(upd.id)) !== null, upd.id);
    const [bobMulti] = await client.database.getAccounts(["bob"]);
    const sortedKeys = (a) => JSON.stringify({ t: a.weight_threshold, a: a.account_auths, k: [...a.key_auths].sort() });
    check("A get_accounts shows bob's 2-of-3 active", sortedKeys(bobMulti.active) === sortedKeys(active), JSON.stringify(bobMulti.active));

    // 3. A 2-of-3 transfer from bob (keys 1 and 3), through broadcast_transaction_synchronous.
    const r = await refBlock(dn.url);
    const base = { ref_block_num: r.ref_block_num, ref_block_prefix: r.ref_block_prefix, expiration: isoAt(r.time + 120_000), extensions: [] };
    const bobTx = { ...base, operations: [["transfer", { from: "bob", to: "carol", amount: "0.500 TESTS", memo: "2-of-3" }]] };
    const bobSigned = client.broadcast.sign(bobTx, [KEYS.get("M1").priv, KEYS.get("M3").priv]);
    try {
      const res = await client.call("condenser_api", "broadcast_transaction_synchronous", [bobSigned]);
      const inBlock = await client.database.getBlock(res.block_num);
      check("A 2-of-3 transfer (synchronous broadcast) lands in the block it names", res.expired === false && inBlock.transaction_ids[res.trx_num] === res.id && res.id === dhive.cryptoUtils.generateTrxId(bobTx), JSON.stringify(res));
    } catch (e) {
      check("A 2-of-3 transfer (synchronous broadcast) lands in the block it names", false, errText(e));
    }
    const oneOfThree = client.broadcast.sign({ ...bobTx, operations: [["transfer", { from: "bob", to: "carol", amount: "0.500 TESTS", memo: "1-of-3" }]] }, [KEYS.get("M2").priv]);
    await refused(client, oneOfThree, "A 1-of-3 transfer refused", 3010000, "Missing Active Authority bob");

    // 4. Refusals with hived's messages.
    const unsigned = { ...base, operations: [["transfer", { from: "alice", to: "bob", amount: "0.001 TESTS", memo: "unsigned" }]], signatures: [] };
    await refused(client, unsigned, "A unsigned transaction refused", 3010000, "missing required active authority:Missing Active Authority alice");
    const expired = client.broadcast.sign({ ...base, expiration: isoAt(r.time - 3000), operations: [["transfer", { from: "alice", to: "bob", amount: "0.001 TESTS", memo: "expired" }]] }, aliceActive);
    await refused(client, expired, "A expired transaction refused", 4030100, "transaction expiration exception");
    const dup = client.broadcast.sign({ ...base, operations: [["transfer", { from: "alice", to: "bob", amount: "0.001 TESTS", memo: "twice" }]] }, aliceActive);
    const first = await client.broadcast.send(dup);
    await refused(client, dup, "A duplicate refused (still pending)", 10, "Duplicate transaction check failed");
    check("A duplicate: the first one lands", (await landed(first.id)) !== null, first.id);
    await refused(client, dup, "A duplicate refused (after its block)", 10, "Duplicate transaction check failed");
  } finally {
    await dn.stop();
  }
}
async function refused(client, tx, name, code, text) {
  try {
    await client.broadcast.send(tx);
    check(name, false, "accepted");
  } catch (e) {
    check(name, e.jse_info?.code === code && errText(e).includes(text), `${e.jse_info?.code} ${errText(e)}`);
  }
}

// =====================================================================================================
// B. Conformance with wax: the devnet's accept/reject against the authority oracle
// =====================================================================================================
// Authority configurations the generator may switch between (all made of keys held here).
const CONFIGS = {
  // alice -> carol -> bob -> alice: a cycle, cut by the depth limit.
  "alice/active": () => [keyAuth(2, [["A1", 1], ["A2", 1], ["A3", 1]]), keyAuth(1, [["alice/active", 1]]), keyAuth(3, [["A1", 1], ["alice/active", 2]]), keyAuth(1, [["A1", 1]], [["carol", 1]])],
  "bob/active": () => [keyAuth(1, [["B1", 1]], [["alice", 1]]), keyAuth(1, [["bob/active", 1]]), keyAuth(2, [["B1", 1], ["bob/active", 1]], [["alice", 1]])],
  "carol/active": () => [keyAuth(2, [["C1", 1]], [["bob", 1]]), keyAuth(1, [["carol/active", 1]]), keyAuth(1, [], [["alice", 1], ["bob", 1]])],
  "alice/posting": () => [keyAuth(1, [["alice/posting", 1]]), keyAuth(2, [["alice/posting", 1], ["P2", 1]]), keyAuth(1, [["alice/posting", 1]], [["initminer", 1]])],
  "bob/posting": () => [keyAuth(1, [["bob/posting", 1]], [["alice", 1]]), keyAuth(1, [["bob/posting", 1]])],
  "carol/posting": () => [keyAuth(2, [["carol/posting", 1], ["P1", 1]]), keyAuth(1, [["carol/posting", 1]], [["bob", 1]]), keyAuth(1, [["carol/posting", 1]]), keyAuth(0, [["carol/posting", 1]])], // threshold 0: hived allows it
  "alice/owner": () => [keyAuth(1, [["alice/owner", 1]]), keyAuth(1, [["alice/owner", 1], ["O1", 1]])],
  "bob/owner": () => [keyAuth(1, [["bob/owner", 1]]), keyAuth(1, [["bob/owner", 1], ["O1", 1]])],
  "carol/owner": () => [keyAuth(1, [["carol/owner", 1]]), keyAuth(2, [["carol/owner", 2], ["O1", 1]])],
};

async function readAccounts(url) {
  const r = await rpc(url, "database_api.find_accounts", { accounts: NAMES });
  return Object.fromEntries(r.accounts.map((a) => [a.name, a]));
}
const reasonOf = (r) => r.split(" ")[0].replace(/:.*/, "");
/** The devnet's refusal as the oracle's reason vocabulary; null when it is not about signatures/authorities. */
function devnetReason(err) {
  const d = err.rpc?.data;
  const top = d?.stack?.[0];
  const who = top?.data?.id ?? "";
  switch (d?.code) {
    case 3010000: return `missing_active ${who}`;
    case 3020000: return `missing_owner ${who}`;
    case 3030000: return `missing_posting ${who}`;
    case 3040000: return "missing_other";
    case 3050000: return "unused_signature";
    case 3060000: return "duplicate_signature";
    case 3080000: return "mixed_with_posting";
    default: return null;
  }
}
const AUTH_RETRY = /^missing_(active|owner|posting|other)\b/; // hived's transaction_auth_exception

async function partB(hardfork, mode, streamSeed) {
  const R = prng(streamSeed);
  const { int, pick, shuffle, rand } = R;
  const tag = `B ${mode}`;
  const dn = await startDevnet(["--hardfork", String(hardfork)]);
  const oracle = await createAuthorityOracle({ chainId: CHAIN_ID, mode });
  const tally = { acceptHf26: 0, acceptLegacy: 0, reject: {}, disagree: 0, other: {}, ops: {}, json: { legacy: 0, hf26: 0 }, signedOver: { hf26: 0, legacy: 0 }, switches: 0, ownerUpdates: 0, modeSensitive: 0 };
  const expectedIds = new Map(); // id -> description
  try {
    check(`${tag}: devnet runs hardfork ${hardfork}`, (await rpc(dn.url, "condenser_api.get_hardfork_version", [])) === `1.${hardfork}.0`, dn.banner);
    const startBlock = await headNumber(dn.url);

    // Setup, through dhive broadcasts signed with the password keys.
    const client = new dhive.Client(dn.url, { chainId: CHAIN_ID, addressPrefix: "STM", timeout: 10_000, failoverThreshold: 3 });
    const setup = [
      ["carol", { active: CONFIGS["carol/active"]()[0], posting: CONFIGS["carol/posting"]()[0] }],
      ["bob", { active: CONFIGS["bob/active"]()[0], posting: CONFIGS["bob/posting"]()[0] }],
      ["alice", { active: CONFIGS["alice/active"]()[0] }],
    ];
    let state = await readAccounts(dn.url);
    for (const [name, auths] of setup) {
      const r = await client.broadcast.updateAccount({ account: name, ...auths, memo_key: state[name].memo_key, json_metadata: "" }, KEYS.get(`${name}/active`).priv);
      expectedIds.set(r.id, `setup ${name}`);
    }
    state = await readAccounts(dn.url);
    const same = (a, b) => JSON.stringify([a.weight_threshold, [...a.account_auths].sort(), [...a.key_auths].sort()]) === JSON.stringify([b.weight_threshold, [...b.account_auths].sort(), [...b.key_auths].sort()]);
    check(`${tag}: setup authorities visible via find_accounts`, setup.every(([n, a]) => Object.entries(a).every(([role, auth]) => same(state[n][role], auth))), JSON.stringify(setup.map(([n]) => [n, state[n].active])).slice(0, 300));

    // Custom operations per account in the block being built (accepted ones only), to stay under 5.
    let customCount = {};

    // A key set that satisfies `auth` (keys we hold; account members in `role`, to depth 2).
    function satisfy(auth, role, depth) {
      let weight = 0;
      const out = [];
      const members = shuffle([...auth.key_auths.map(([k, w]) => ({ k, w })), ...(depth < 2 ? auth.account_auths.map(([a, w]) => ({ a, w })) : [])]);
      for (const m of members) {
        if (weight >= auth.weight_threshold) break;
        if (m.k) { if (BY_PUB.has(m.k)) { out.push(BY_PUB.get(m.k)); weight += m.w; } }
        else if (state[m.a]) { const sub = satisfy(state[m.a][role], role, depth + 1); if (sub) { out.push(...sub); weight += m.w; } }
      }
      return weight >= auth.weight_threshold ? out : null;
    }
    const ALL = [...KEYS.keys()];
    function signers(required) {
      let set = [];
      for (const { account, role } of required) set.push(...(satisfy(state[account][role], role, 0) ?? []));
      set = [...new Set(set)];
      const accounts = [...new Set(required.map((r) => r.account))];
      const roleKey = (role) => { const a = pick(accounts); return a === "initminer" ? "initminer" : `${a}/${role}`; };
      for (let n = int(3); n > 0; n--) {
        switch (int(9)) {
          case 0: if (set.length) set.splice(int(set.length), 1); break; // one key short
          case 1: set.push(pick(["A1", "A2", "A3", "B1", "C1", "P1", "P2"])); break; // a redundant or stray multisig key
          case 2: set = [roleKey("owner")]; break; // owner key alone (pre-HF28 role upgrade)
          case 3: set.push(roleKey("owner")); break;
          case 4: set = set.map((k) => (k.endsWith("/active") ? k.replace("/active", "/posting") : k.endsWith("/posting") ? k.replace("/posting", "/active") : k)); break; // wrong role
          case 5: set.push(pick(["U1", "U2", "alice/memo", "initminer", "O1"])); break; // unrelated
          case 6: set = shuffle(ALL).slice(0, 1 + int(3)); break; // anything
          case 7: set = []; break; // unsigned (rare: only with this draw)
          default: break; // keep the valid set
        }
      }
      set = shuffle([...new Set(set)]);
      const duplicate = set.length > 0 && int(14) === 0;
      return { set, duplicate };
    }

    let memoSeq = 0;
    const uniq = () => `${mode}-${SEED}-${++memoSeq}`;
    function operation(allowOwner) {
      const name = pick(NAMES);
      const other = pick(NAMES.filter((n) => n !== name));
      const x = int(100);
      if (x < 32) return { op: ["transfer", { from: name, to: other, amount: pick(["0.001 TESTS", "0.001 TESTS", "0.001 TBD"]), memo: uniq() }], req: [{ account: name, role: "active" }] };
      if (x < 60) {
        const y = int(10);
        const act = y < 5 ? [name] : []; // active only (y < 4), active + posting (y = 4), posting only
        const post = y < 4 ? [] : y < 5 ? [other] : y < 6 ? [name, other] : [name];
        return { op: ["custom_json", { required_auths: act, required_posting_auths: post, id: "hivesafe-interop", json: JSON.stringify({ n: uniq() }) }], req: [...act.map((a) => ({ account: a, role: "active" })), ...post.map((a) => ({ account: a, role: "posting" }))] };
      }
      if (x < 76) return { op: ["account_update", { account: name, memo_key: state[name].memo_key, json_metadata: JSON.stringify({ n: uniq() }) }], req: [{ account: name, role: "active" }] };
      if (x < 88) {
        return int(2)
          ? { op: ["account_update2", { account: name, json_metadata: "", posting_json_metadata: JSON.stringify({ n: uniq() }), extensions: [] }], req: [{ account: name, role: "posting" }] }
          : { op: ["account_update2", { account: name, json_metadata: JSON.stringify({ n: uniq() }), posting_json_metadata: "", extensions: [] }], req: [{ account: name, role: "active" }] };
      }
      const who = pick(["alice", "bob", "carol"]);
      if (x >= 96 && allowOwner(who)) {
        tally.ownerUpdates++;
        return { op: ["account_update", { account: who, owner: pick(CONFIGS[`${who}/owner`]()), memo_key: state[who].memo_key, json_metadata: JSON.stringify({ n: uniq() }) }], req: [{ account: who, role: "owner" }] };
      }
      // An authority switch (active and/or posting), needs active.
      tally.switches++;
      const op = { account: who, memo_key: state[who].memo_key, json_metadata: JSON.stringify({ n: uniq() }) };
      if (int(3)) op.active = pick(CONFIGS[`${who}/active`]());
      if (!op.active || int(2)) op.posting = pick(CONFIGS[`${who}/posting`]());
      return { op: ["account_update", op], req: [{ account: who, role: "active" }] };
    }

    const HOUR = 3600_000;
    for (let i = 0; i < COUNT; i++) {
      state = await readAccounts(dn.url);
      const ref = await refBlock(dn.url);
      const allowOwner = (who) => [state[who].last_owner_update, state[who].previous_owner_update].some((t) => ref.time - Date.parse(t + "Z") > HOUR + 60_000);
      const parts = [operation(allowOwner)];
      if (int(5) === 0) parts.push(operation(() => false));
      const tx = { ref_block_num: ref.ref_block_num, ref_block_prefix: ref.ref_block_prefix, expiration: isoAt(ref.time + 600_000), operations: parts.map((p) => p.op), extensions: [] };
      for (const p of parts) tally.ops[p.op[0]] = (tally.ops[p.op[0]] || 0) + 1;
      const { set, duplicate } = signers(parts.flatMap((p) => p.req));
      const pk = packings(tx);
      const packing = rand() < 0.65 ? "hf26" : "legacy";
      tally.signedOver[packing]++;
      tx.signatures = signWith(tx, set, pk[packing].digest);
      if (duplicate) tx.signatures.push(tx.signatures[int(tx.signatures.length)]);

      // The oracle, with the devnet's own account data; hived's HF26-then-legacy order.
      const v26 = await oracle.verdict(tx, state, { packing: "hf26" });
      let expected = { accepted: v26.accepted, reason: v26.reason, packing: "hf26", id: pk.hf26.id };
      let vLegacy = null;
      if (!v26.accepted && AUTH_RETRY.test(v26.reason)) {
        vLegacy = await oracle.verdict(tx, state, { packing: "legacy" });
        expected = { accepted: vLegacy.accepted, reason: vLegacy.reason, packing: "legacy", id: pk.legacy.id };
      }
      const decided = vLegacy ?? v26;
      if (decided.preHf28.accepted !== decided.hf28.accepted) tally.modeSensitive++;
      if (v26.unknownAccounts.length || v26.portOnly) info.push(`${tag} #${i}: oracle unknownAccounts ${v26.unknownAccounts} portOnly ${v26.portOnly}`);

      // Stay under the custom_json limit: wait for a block when an account would pass 5.
      const customs = {};
      for (const [name, op] of tx.operations) if (name === "custom_json") for (const a of new Set([...op.required_auths, ...op.required_posting_auths])) customs[a] = (customs[a] || 0) + 1;
      if (Object.entries(customs).some(([a, n]) => (customCount[a] || 0) + n > 5)) {
        await waitForBlock(dn.url, await headNumber(dn.url));
        customCount = {};
      }

      // The devnet: legacy JSON mostly, sometimes the HF26 API JSON of the same transaction.
      const asHf26 = int(5) === 0;
      const sent = asHf26 ? { ...pk.apiJson(), signatures: tx.signatures } : tx;
      tally.json[asHf26 ? "hf26" : "legacy"]++;
      let devnet;
      try {
        await rpc(dn.url, "network_broadcast_api.broadcast_transaction", { trx: sent, max_block_age: -1 });
        devnet = { accepted: true };
      } catch (e) {
        if (!e.rpc) throw e;
        devnet = { accepted: false, reason: devnetReason(e), error: e.rpc };
      }
      const show = () => `#${i} signed over ${packing} by [${set.join(",")}]${duplicate ? " +duplicate" : ""}; oracle hf26 ${v26.accepted ? "accept" : v26.reason}${vLegacy ? `, legacy ${vLegacy.accepted ? "accept" : vLegacy.reason}` : ""}; devnet ${devnet.accepted ? "accept" : devnet.error.message}\n      tx ${JSON.stringify(sent)}\n      accounts ${JSON.stringify(Object.fromEntries(NAMES.map((n) => [n, { owner: state[n].owner, active: state[n].active, posting: state[n].posting }])))}`;

      if (!devnet.accepted && devnet.reason === null) {
        // Not about signatures or authorities: counted apart, must stay rare.
        const why = (devnet.error.data?.stack?.[0]?.data?.m ?? devnet.error.message).slice(0, 80);
        tally.other[why] = (tally.other[why] || 0) + 1;
        if (Object.values(tally.other).reduce((s, n) => s + n, 0) <= 3) info.push(`${tag} other refusal: ${show().split("\n")[0]}`);
        continue;
      }
      const agree = devnet.accepted === expected.accepted;
      check(`${tag}: devnet accept/reject = wax`, agree, show());
      if (!agree) { tally.disagree++; continue; }
      if (devnet.accepted) {
        tally[expected.packing === "hf26" ? "acceptHf26" : "acceptLegacy"]++;
        expectedIds.set(expected.id, `#${i} (${expected.packing})`);
        for (const [a, n] of Object.entries(customs)) customCount[a] = (customCount[a] || 0) + n;
      } else {
        const r = reasonOf(expected.reason);
        tally.reject[r] = (tally.reject[r] || 0) + 1;
        check(`${tag}: same refusal reason as wax`, devnet.reason === expected.reason, `devnet ${devnet.reason} wax ${expected.reason}: ${show()}`);
      }
    }

    // Every accepted transaction is in a block under the id of the packing that passed, and nothing else is.
    const head = await waitForBlock(dn.url, await headNumber(dn.url));
    const found = new Map();
    for (let s = startBlock; s <= head; s += 1000) {
      const r = await rpc(dn.url, "block_api.get_block_range", { starting_block_num: s, count: Math.min(1000, head - s + 1) });
      for (const b of r.blocks) b.transaction_ids.forEach((id) => found.set(id, b.block_id));
    }
    for (const [id, what] of expectedIds) check(`${tag}: accepted ones are in a block under the id of the packing that passed`, found.has(id), `${what} id ${id} in no block`);
    const stray = [...found.keys()].filter((id) => !expectedIds.has(id));
    check(`${tag}: blocks hold no other transactions`, stray.length === 0, `ids ${stray.slice(0, 3).join(",")}`);
    const others = Object.values(tally.other).reduce((s, n) => s + n, 0);
    check(`${tag}: refusals for other reasons are rare (<= 2%)`, others <= Math.max(1, COUNT * 0.02), JSON.stringify(tally.other));
    const agreedReject = Object.values(tally.reject).reduce((s, n) => s + n, 0);
    check(`${tag}: both outcomes exercised`, tally.acceptHf26 + tally.acceptLegacy > COUNT / 10 && agreedReject > COUNT / 10, JSON.stringify(tally));
    return { mode, hardfork, tally, agreedReject, others };
  } finally {
    await oracle.close();
    await dn.stop();
  }
}

let exitCode = 1;
try {
  const tA = performance.now();
  await partA();
  const timeA = (performance.now() - tA) / 1000;
  const results = [];
  for (const [hardfork, mode, s] of [[28, "hf28", 1], [27, "pre-hf28", 2]]) {
    const tB = performance.now();
    const r = await partB(hardfork, mode, (SEED ^ (0x9e3779b9 * s)) >>> 0);
    r.seconds = (performance.now() - tB) / 1000;
    results.push(r);
  }
  console.log(`devnet: seed ${SEED}, ${COUNT} random transactions per hardfork; part A ${timeA.toFixed(1)} s`);
  for (const { mode, hardfork, tally, agreedReject, others, seconds } of results) {
    console.log(`  --hardfork ${hardfork} / oracle ${mode} (${seconds.toFixed(1)} s): agreed accept ${tally.acceptHf26 + tally.acceptLegacy} (hf26 ${tally.acceptHf26}, legacy ${tally.acceptLegacy}), agreed reject ${agreedReject} ${JSON.stringify(tally.reject)}, disagreements ${tally.disagree}, other ${others}${others ? " " + JSON.stringify(tally.other) : ""}`);
    console.log(`      signed over ${JSON.stringify(tally.signedOver)}, sent as JSON ${JSON.stringify(tally.json)}, operations ${JSON.stringify(tally.ops)}, authority switches ${tally.switches}, owner updates ${tally.ownerUpdates}; pre-HF28 and HF28 verdicts differ on ${tally.modeSensitive}`);
  }
  exitCode = 0;
} catch (e) {
  check("devnet.mjs runs to the end", false, e.stack ?? String(e));
} finally {
  stopAllNow();
}
const allPassed = report("devnet", info.map((l) => "info: " + l), ` (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
process.exit(exitCode === 0 && allPassed ? 0 : 1);
