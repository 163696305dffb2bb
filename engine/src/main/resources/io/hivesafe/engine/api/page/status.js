// The node's status page: polls the node's own JSON API every 2 s and fills the page in. No library,
// no build step, no external request. Text from the API (memos, feed details) goes in with
// textContent only, never as HTML.
"use strict";

const REFRESH_MS = 2000;
const FEED_SHOWN = 20;
let tokenPrecision = 3;
let updates = 0;

function $(id) { return document.getElementById(id); }

function set(id, value) {
  $(id).textContent = value === null || value === undefined ? "–" : String(value);
}

function milli(amount) { // 12345 -> "12.345"
  const n = BigInt(amount);
  const sign = n < 0n ? "-" : "";
  const a = n < 0n ? -n : n;
  return sign + (a / 1000n).toString() + "." + (a % 1000n).toString().padStart(3, "0");
}

function tokens(amount) {
  if (tokenPrecision === 0) { return String(amount); }
  const s = String(amount).padStart(tokenPrecision + 1, "0");
  return s.slice(0, -tokenPrecision) + "." + s.slice(-tokenPrecision);
}

function cell(tr, text) {
  const td = document.createElement("td");
  td.textContent = text;
  tr.appendChild(td);
  return td;
}

function pill(id, text, kind) {
  const el = $(id);
  el.textContent = text;
  el.className = "pill " + kind;
}

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  const body = await response.json();
  if (!response.ok) { throw new Error(path + ": " + (body.error || response.status)); }
  return body;
}

function renderStatus(s) {
  tokenPrecision = s.token.precision;
  set("network", s.network);
  set("account", s.account);
  set("version", s.version);
  set("multisig-account", s.multisig_account);
  pill("mode", s.mode, s.mode === "LIVE" ? "ok" : "warn");
  set("lag", s.lag);
  set("applied", s.applied_block);
  set("irreversible", s.chain ? s.chain.irreversible : null);
  set("head", s.chain ? s.chain.head : null);
  if (!s.consensus) {
    pill("consensus", "no tally yet", "");
  } else if (s.consensus.consensus) {
    pill("consensus", "yes at " + s.consensus.tally_block + " (" + s.consensus.runners_agreeing + "/" + s.consensus.runners + ")", "ok");
  } else {
    pill("consensus", "none at " + s.consensus.tally_block + " (" + s.consensus.no_consensus_in_row + " in a row)", "bad");
  }
  pill("diverged", s.diverged ? "DIVERGED" : "no", s.diverged ? "bad" : "ok");
  const problem = s.failure ? "The node stopped: " + s.failure
    : s.diverged ? "This node's state differs from the consensus: it does not sign. Resync it from a snapshot." : "";
  $("problem").hidden = problem === "";
  $("problem").textContent = problem;
  renderResourceCredits(s.resource_credits || {});
}

function renderResourceCredits(rc) {
  const lines = [];
  for (const role of ["node", "multisig"]) {
    const a = rc[role];
    if (!a) {
      pill("rc-" + role, "not read", "");
      continue;
    }
    if (!a.read) {
      pill("rc-" + role, "not read yet", "");
      lines.push(role + " account " + a.account + ": not read yet.");
      continue;
    }
    const out = a.held > 0;
    pill("rc-" + role, (out ? "OUT: " : a.low ? "LOW: " : "") + a.percent + "%", out ? "bad" : a.low ? "warn" : "ok");
    lines.push(role + " account " + a.account + ": " + a.mana + " RC of " + a.max_rc + " (" + a.percent + "%), low below " + a.low_below
      + " RC; " + a.refusals + " refusal(s) for RC, " + a.held + " transaction(s) held until RC regenerates.");
  }
  set("rc-detail", lines.length ? "Resource credits: " + lines.join(" ") : "Resource credits: not read.");
}

function renderAlarms(a) {
  const banner = $("alarm-banner");
  banner.hidden = a.count === 0;
  if (a.count > 0 && a.alarms.length > 0) {
    const newest = a.alarms[0];
    set("alarm-count", a.count);
    set("alarm-kind", newest.kind);
    set("alarm-block", newest.block);
    set("alarm-detail", newest.detail);
  }
}

function renderCustody(c) {
  if (!c.checked) {
    pill("custody", "not checked yet", "");
    set("custody-detail", "Custody: no check has completed yet.");
    return;
  }
  const parts = [];
  if (c.shortfall.hive > 0 || c.shortfall.hbd > 0) {
    parts.push("short " + milli(c.shortfall.hive) + " HIVE, " + milli(c.shortfall.hbd) + " HBD");
  }
  if (c.surplus.hive > 0 || c.surplus.hbd > 0) {
    parts.push("surplus " + milli(c.surplus.hive) + " HIVE, " + milli(c.surplus.hbd) + " HBD");
  }
  const shortfall = c.shortfall.hive > 0 || c.shortfall.hbd > 0;
  pill("custody", c.matches ? "matches at " + c.block : parts.join("; ") + " at " + c.block, c.matches ? "ok" : shortfall ? "bad" : "warn");
  set("custody-detail", "Custody after block " + c.block + ": chain " + milli(c.chain_at_block.hive) + " HIVE, "
    + milli(c.chain_at_block.hbd) + " HBD; books " + milli(c.books.hive) + " HIVE, " + milli(c.books.hbd) + " HBD (read at head "
    + c.head + ", " + c.pending.transactions + " pending transaction(s) allowed for).");
}

function renderAuthority(a) {
  if (!a.checked) {
    pill("authority", "not checked yet", "");
    set("authority-detail", "Authority: no check has completed yet.");
    return;
  }
  const differing = [];
  if (!a.owner_matches) { differing.push("owner"); }
  if (!a.active_matches) { differing.push("active"); }
  if (a.recovery === "differs") { differing.push("recovery account"); }
  pill("authority", a.matches ? "matches at " + a.block : "MISMATCH (" + differing.join(", ") + ") at " + a.block, a.matches ? "ok" : "bad");
  const recovery = a.recovery === "not_recorded" ? "not recorded (chain: " + (a.chain.recovery_account || "none") + ")"
    : (a.chain.recovery_account || "none") + (a.recovery === "matches" ? ", as recorded" : ", recorded " + a.recorded.recovery_account);
  set("authority-detail", "Authority after block " + a.block + ": owner " + a.chain.owner.threshold + " of "
    + a.chain.owner.keys.length + " keys, active " + a.chain.active.threshold + " of " + a.chain.active.keys.length
    + " keys on chain; recovery account " + recovery + ".");
}

function renderHold(m) {
  const hold = m.rotation_hold;
  $("rotation-detail").hidden = hold === null;
  if (hold === null) {
    pill("rotation-hold", "no hold", "ok");
    return;
  }
  pill("rotation-hold", "held since " + hold.block + " (" + hold.code + ")", "warn");
  set("rotation-detail", "Rotation held: " + hold.detail);
}

function renderRunners(r) {
  const body = $("runners");
  body.replaceChildren();
  for (const n of r.runners) {
    const tr = document.createElement("tr");
    tr.dataset.account = n.account;
    cell(tr, n.rank);
    cell(tr, n.account);
    cell(tr, tokens(n.stake));
    cell(tr, n.age === null ? "–" : n.age);
    cell(tr, n.signer ? "yes" : "no");
    cell(tr, n.missed === undefined ? "–" : n.missed + (n.faulted ? " (faulted)" : ""));
    body.appendChild(tr);
  }
  set("standby", r.standby.length === 0 ? "none" : r.standby.map(n => n.account).join(", "));
}

function renderMultisig(m) {
  const round = m.round;
  $("round").hidden = round === null;
  $("round-none").hidden = round !== null;
  if (round !== null) {
    set("round-seq", round.seq);
    set("round-kind", round.kind);
    pill("round-state", round.state, round.ready ? "ok" : "warn");
    set("round-built", round.built_block);
    set("round-expiration", round.expiration);
    set("round-attempt", round.attempt);
    // A rotation needs owner and active, a transfer active: the most any requirement needs.
    const threshold = Math.max(...round.requirements.map(q => q.threshold));
    set("round-counted", round.counted);
    set("round-threshold", threshold);
    $("round-bar").style.width = Math.min(100, 100 * round.counted / threshold) + "%";
    const list = $("round-signers");
    list.replaceChildren();
    for (const s of round.signers) {
      const li = document.createElement("li");
      li.textContent = (s.signed ? "✓ " : "… ") + (s.node || s.key.slice(0, 12) + "…");
      li.title = s.key;
      if (s.signed) { li.className = "signed"; }
      list.appendChild(li);
    }
  }
  set("books-confirmed", m.books.confirmed);
  set("books-expired", m.books.expired);
  set("books-paid-hive", milli(m.books.paid_hive));
  set("books-paid-hbd", milli(m.books.paid_hbd));
}

function renderQueue(q) {
  set("queue-length", q.count);
  const body = $("queue");
  body.replaceChildren();
  if (q.payouts.length === 0) {
    const tr = document.createElement("tr");
    cell(tr, "empty").className = "empty";
    body.appendChild(tr);
  }
  for (const p of q.payouts) {
    const tr = document.createElement("tr");
    tr.dataset.seq = p.seq;
    cell(tr, p.seq);
    cell(tr, p.kind);
    cell(tr, p.to);
    cell(tr, milli(p.amount) + " " + p.asset);
    cell(tr, p.memo);
    cell(tr, p.requested_block);
    cell(tr, p.in_flight ? "yes" : "");
    body.appendChild(tr);
  }
}

function renderFeed(f) {
  const list = $("feed");
  list.replaceChildren();
  for (const e of f.entries) {
    const li = document.createElement("li");
    if (!e.ok) { li.className = "rejected"; }
    const block = document.createElement("span");
    block.className = "block";
    block.textContent = e.block;
    const kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = e.kind;
    li.append(block, kind, (e.account ? e.account + ": " : "") + e.detail);
    list.appendChild(li);
  }
}

async function refresh() {
  try {
    const [status, runners, multisig, queue, feed, alarms, custody, authority] = await Promise.all([
      getJson("/api/status"), getJson("/api/runners"), getJson("/api/multisig"), getJson("/api/payouts"),
      getJson("/api/feed?limit=" + FEED_SHOWN), getJson("/api/alarms?limit=1"), getJson("/api/custody"),
      getJson("/api/authority")]);
    renderStatus(status);
    renderAlarms(alarms);
    renderCustody(custody);
    renderAuthority(authority);
    renderRunners(runners);
    renderMultisig(multisig);
    renderHold(multisig);
    renderQueue(queue);
    renderFeed(feed);
    updates++;
    document.body.dataset.updates = String(updates);
    set("updated", new Date().toLocaleTimeString());
  } catch (e) {
    $("problem").hidden = false;
    $("problem").textContent = "Cannot read the node's API: " + e.message;
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
