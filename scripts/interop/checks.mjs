// The pass/fail tally both interop scripts print: each named check counts its passes and failures;
// the first 15 failures keep their detail for the report.
export function createChecks() {
  let passed = 0, failed = 0;
  const failures = [];
  const counts = {};
  function check(name, ok, detail) {
    counts[name] = counts[name] || { passed: 0, failed: 0 };
    if (ok) { passed++; counts[name].passed++; }
    else { failed++; counts[name].failed++; if (failures.length < 15) failures.push(`${name}: ${detail}`); }
    return ok;
  }
  // Prints a line per check, the extra lines, the failures and the totals; true when all passed.
  function report(label, extraLines = [], suffix = "") {
    for (const [name, c] of Object.entries(counts)) console.log(`  ${c.failed ? "FAIL" : "ok  "} ${name}: ${c.passed} passed, ${c.failed} failed`);
    extraLines.forEach((l) => console.log("  " + l));
    failures.forEach((f) => console.log("  failure: " + f));
    console.log(`${label}: ${passed} passed, ${failed} failed${suffix}`);
    return failed === 0 && passed > 0;
  }
  return { check, report };
}
