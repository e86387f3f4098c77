// Benchmark: importing a big transactions file through the app versus Dexie.js `bulkAdd`.
//
// Generates a CSV of ROWS transactions (1,000,000 by default; customer_id,date,amount),
// imports it through the real app's wizard in headless Chromium (parse + validate + store in
// the worker, as columnar blocks in one IndexedDB transaction; the same job then analyses the
// new revision from the records it kept, and both are reported). In the same browser, a
// bare page stores the same rows with Dexie.js `bulkAdd` as one record per row (auto-increment
// key, no other index: Dexie's most favourable case) and reads them back with `toArray()`.
// Prints both and the ratios. Dexie is served from bench/browser/node_modules (run
// `npm install` in bench/browser once); it never enters the app.
//
//   node bench/browser/import_vs_dexie.mjs [BASE_URL]   (ROWS=100000 or DEXIE=0 for a quick run)
// (`make bench-browser` builds, serves and runs every bench/browser/*.mjs.)
import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const base = process.argv[2] || "http://127.0.0.1:8080";
const rows = Number(process.env.ROWS || 1_000_000);
const here = path.dirname(new URL(import.meta.url).pathname);
const dexieFile = path.join(here, "node_modules", "dexie", "dist", "dexie.mjs");
if (!fs.existsSync(dexieFile)) {
  console.error("Dexie is not installed: run `npm install` in bench/browser first.");
  process.exit(2);
}

// A deterministic file: ROWS rows over ROWS/4 customers and three years of dates.
function makeCsv(n) {
  let seed = 42;
  const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const start = Date.UTC(2021, 0, 1);
  const customers = Math.max(1, Math.floor(n / 4));
  const lines = ["customer_id,date,amount"];
  for (let i = 0; i < n; i++) {
    const c = `C${String(Math.floor(next() * customers)).padStart(7, "0")}`;
    const d = new Date(start + Math.floor(next() * 1095) * 86400000).toISOString().slice(0, 10);
    const a = (1 + next() * 499).toFixed(2);
    lines.push(`${c},${d},${a}`);
  }
  return lines.join("\n") + "\n";
}
const tmp = process.env.TMPDIR || os.tmpdir();
const csvPath = path.join(tmp, `import_vs_dexie_${rows}.csv`);
if (!fs.existsSync(csvPath)) fs.writeFileSync(csvPath, makeCsv(rows));
const csvBytes = fs.statSync(csvPath).size;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});

// --- The app: import through the wizard, then read back for scoring. ---
const app = await browser.newContext({ viewport: { width: 1366, height: 768 } });
await app.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: "longtask", buffered: true });
});
const page = await app.newPage();
let importTimings = null;
let analysisLine = null;
page.on("console", (m) => {
  const text = m.text();
  if (text.startsWith("import timings")) importTimings = text;
  if (text.startsWith("analysis of")) analysisLine = text;
});
page.on("pageerror", (e) => console.error("page error:", e.message));
await page.goto(`${base}/import`);
await page.waitForSelector('[data-testid="page-title"]', { timeout: 60000 });
await page.setInputFiles('[data-testid="import-file"]', csvPath);
await page.waitForSelector('[data-testid="preview-row"]', { timeout: 60000 });
await page.evaluate(() => (window.__longTasks = []));
const t0 = Date.now();
await page.click('[data-testid="start-import"]');
await page.waitForSelector('[data-testid="import-done"], [data-testid="import-problems"], [data-testid="import-error"]', { timeout: 600000 });
const importWall = Date.now() - t0;
const reportText = await page.textContent('.import-report, [data-testid="import-error"]');
if (!(await page.$('[data-testid="import-done"]'))) {
  console.error("The import did not complete:", reportText);
  process.exit(1);
}
const inApp = Number(await page.getAttribute('[data-testid="import-done"]', "data-ms"));
const longTasks = await page.evaluate(() => window.__longTasks);
const steps = Object.fromEntries([...(importTimings || "").matchAll(/\("([^"]+)", ([\d.]+)\)/g)].map((m) => [m[1], Number(m[2])]));

// The import job analyses the new revision itself and reports both; its analysis takes the
// records the import kept in memory while the browser stores the new rows, so it has no read
// from IndexedDB at all (a "read" step appears only when the kept records were stale).
const t1 = Date.now();
while (!analysisLine && Date.now() - t1 < 600000) await page.waitForTimeout(100);
const step = (name) => Number((analysisLine || "").match(new RegExp(`${name} (\\d+) ms`))?.[1] ?? NaN);
const readTx = step("read") || 0;
const buildLedger = step("build ledger");
const decode = step("decode records") || 0;
const analyse = step("analyse");
const stored = ["read file", "parse", "check against the workspace", "prepare write", "write", "write commit"].reduce((sum, k) => sum + (steps[k] || 0), 0);
await app.close();

// --- Dexie.js in the same browser: one record per row (DEXIE=0 skips it for a quick look). ---
const runDexie = process.env.DEXIE !== "0";
const bare = await browser.newContext({ serviceWorkers: "block" });
await bare.route(`${base}/__bench/**`, (route) => {
  const url = new URL(route.request().url());
  if (url.pathname.endsWith("/dexie.mjs")) return route.fulfill({ path: dexieFile, contentType: "text/javascript" });
  if (url.pathname.endsWith("/rows.csv")) return route.fulfill({ path: csvPath, contentType: "text/csv" });
  return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Dexie bench</title>" });
});
const dpage = await bare.newPage();
await dpage.goto(`${base}/__bench/dexie.html`);
const dexie = !runDexie ? { write: NaN, read: NaN, count: 0 } : await dpage.evaluate(async () => {
  const { default: Dexie } = await import("/__bench/dexie.mjs");
  const text = await (await fetch("/__bench/rows.csv")).text();
  const lines = text.split("\n");
  const records = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const [customer_id, date, amount] = lines[i].split(",");
    records.push({ customer_id, date, amount: Math.round(Number(amount) * 100) });
  }
  await Dexie.delete("dexie-bench");
  const db = new Dexie("dexie-bench");
  db.version(1).stores({ tx: "++id" });
  await db.open();
  const w0 = performance.now();
  await db.tx.bulkAdd(records);
  const write = performance.now() - w0;
  db.close();
  const db2 = new Dexie("dexie-bench");
  db2.version(1).stores({ tx: "++id" });
  await db2.open();
  const r0 = performance.now();
  const back = await db2.tx.toArray();
  const read = performance.now() - r0;
  const count = back.length;
  db2.close();
  await Dexie.delete("dexie-bench");
  return { write, read, count };
});
await bare.close();
await browser.close();

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const table = [
  ["rows", rows.toLocaleString("en-US"), `${(csvBytes / 1e6).toFixed(1)} MB of CSV`],
  ["app: parse + validate + store (the import job's steps)", s(stored), `click to report ${s(inApp)}, with the analysis of the new revision; wall clock seen by the test ${s(importWall)}`],
  ["  worker steps", Object.entries(steps).map(([k, v]) => `${k} ${v} ms`).join(", "), ""],
  ["  longest main-thread task during the import", `${Math.round(Math.max(0, ...longTasks))} ms`, `${longTasks.filter((d) => d > 100).length} over 100 ms`],
  ["app: the analysis in the same job", s(readTx + buildLedger + decode + analyse), `read ${readTx} ms (kept records) + ledger ${buildLedger} ms + decode ${decode} ms + analyse ${analyse} ms, while the browser stored the rows`],
  ["Dexie bulkAdd, one record per row", s(dexie.write), `${dexie.count.toLocaleString("en-US")} read back`],
  ["Dexie toArray", s(dexie.read), ""],
  ["write ratio (Dexie bulkAdd / app parse+validate+store)", `${(dexie.write / stored).toFixed(1)}×`, ""],
];
console.log("\nImport versus Dexie.js (headless Chromium)");
for (const [k, v, note] of table) console.log(`  ${k.padEnd(58)} ${String(v).padEnd(12)} ${note}`);
