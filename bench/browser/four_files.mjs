// Benchmark: a client's four files for N customers (100,000 by default) imported through the
// app's wizard, the demo company of N customers loaded, and the same rows stored by Dexie.js
// `bulkAdd` as one record each — side by side in one headless-Chromium run.
//
// The files (deterministic, generated once into TMPDIR): customers (N rows: id, name, e-mail,
// segment, channel, acquisition date, notes), transactions (12 per customer: orders and
// returns, with costs and products), interactions (2 per customer) and exits (15 % of N).
// Each file goes through the real wizard (pick, preview, import); the worker parses,
// validates, stores the rows as columnar blocks in one IndexedDB transaction and analyses the
// new revision in the same job. The report splits each job into its import steps (read,
// parse, check, write) and the analysis (read, ledger, decode, analyse), from the worker's
// own timings, and gives the wall clock of everything.
//
// Dexie runs in a bare page of the same browser: the same rows, one record per row, one
// object store per kind with an auto-increment key and no index (its most favourable case).
//
//   node bench/browser/four_files.mjs [BASE_URL] [CUSTOMERS]      (DEXIE=0 to skip Dexie,
//                                             DEMO=0 the demo; ONLY_DEMO=1 runs the demo alone)
//   CUSTOMERS=1000000 INTERACTIONS_ONLY=1 …  imports 1M customers and their interactions and
//                                             reports the tab's peak memory (CDP metrics).
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const base = process.argv[2] || "http://127.0.0.1:8080";
const customers = Number(process.argv[3] || process.env.CUSTOMERS || 100_000);
const onlyInteractions = process.env.INTERACTIONS_ONLY === "1";
const here = path.dirname(new URL(import.meta.url).pathname);
const dexieFile = path.join(here, "node_modules", "dexie", "dist", "dexie.mjs");
const onlyDemo = process.env.ONLY_DEMO === "1";
const runDexie = process.env.DEXIE !== "0" && !onlyInteractions && !onlyDemo;
if (runDexie && !fs.existsSync(dexieFile)) {
  console.error("Dexie is not installed: run `npm install` in bench/browser first.");
  process.exit(2);
}

// ---- The files. ----
function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const SEGMENTS = ["retail", "trade", "online", "hotel", "restaurant"];
const CHANNELS = ["web", "referral", "fair", "catalogue"];
const KINDS = ["call", "email", "visit", "complaint", "meeting", "service consultation"];
const REASONS = ["price", "product", "service", "market", "technology", "political", "other"];
const id = (i) => `C${String(i).padStart(7, "0")}`;
const isoDay = (start, d) => new Date(start + d * 86400000).toISOString().slice(0, 10);
const START = Date.UTC(2022, 0, 1);

function writeLines(file, header, count, line) {
  const fd = fs.openSync(file, "w");
  let buffer = [header];
  for (let i = 0; i < count; i++) {
    buffer.push(line(i));
    if (buffer.length >= 50_000) {
      fs.writeSync(fd, buffer.join("\n") + "\n");
      buffer = [];
    }
  }
  if (buffer.length) fs.writeSync(fd, buffer.join("\n") + "\n");
  fs.closeSync(fd);
}

const tmp = process.env.TMPDIR || os.tmpdir();
const dir = path.join(tmp, `four_files_${customers}`);
fs.mkdirSync(dir, { recursive: true });
const files = {
  customers: path.join(dir, "customers.csv"),
  transactions: path.join(dir, "transactions.csv"),
  interactions: path.join(dir, "interactions.csv"),
  exits: path.join(dir, "exits.csv"),
};
if (!fs.existsSync(files.exits)) {
  let r = rng(1);
  writeLines(files.customers, "customer_id,name,email,segment,acquisition_channel,acquisition_date,notes", customers, (i) =>
    [id(i), `Customer ${i}`, `c${i}@example.com`, SEGMENTS[i % 5], CHANNELS[i % 4], isoDay(START, Math.floor(r() * 365)), i % 7 ? "" : "\"likes tea, \"\"green\"\"\""].join(","));
  r = rng(2);
  writeLines(files.transactions, "customer_id,date,amount,cost,kind,product", customers * 12, (i) => {
    const c = Math.floor(r() * customers);
    const ret = r() < 0.04;
    const amount = 5 + r() * 400;
    return [id(c), isoDay(START, 200 + Math.floor(r() * 900)), amount.toFixed(2), (amount * 0.6).toFixed(2), ret ? "return" : "order", `P${Math.floor(r() * 300)}`].join(",");
  });
  r = rng(3);
  writeLines(files.interactions, "customer_id,date,kind,cost,note", customers * 2, () =>
    [id(Math.floor(r() * customers)), isoDay(START, 200 + Math.floor(r() * 900)), KINDS[Math.floor(r() * KINDS.length)], (r() * 40).toFixed(2), "followed up"].join(","));
  r = rng(4);
  writeLines(files.exits, "customer_id,date,reason,note", Math.floor(customers * 0.15), (i) =>
    [id(Math.floor((i * 6.7) % customers)), isoDay(START, 1000 + Math.floor(r() * 90)), REASONS[Math.floor(r() * REASONS.length)], "left"].join(","));
}
const size = (f) => fs.statSync(f).size;
const rowsOf = (f) => {
  // Count lines without holding the file as one string.
  const fd = fs.openSync(f, "r");
  const chunk = Buffer.alloc(1 << 20);
  let lines = 0;
  let n;
  while ((n = fs.readSync(fd, chunk, 0, chunk.length)) > 0) for (let i = 0; i < n; i++) if (chunk[i] === 10) lines++;
  fs.closeSync(fd);
  return lines - 1;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
/** Resident memory of Chromium's renderer processes (the page and its worker live there), MB. */
function rendererMb() {
  try {
    const out = execFileSync("ps", ["-eo", "rss,args"], { encoding: "utf8" });
    let kb = 0;
    for (const line of out.split("\n")) if (/chrom/.test(line) && /--type=renderer/.test(line)) kb += Number(line.trim().split(/\s+/)[0]) || 0;
    return kb / 1024;
  } catch {
    return NaN;
  }
}
const out = [];

// ---- The app: the four files through the wizard. ----
async function appPage() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const log = { imports: [], analyses: [] };
  page.on("console", (m) => {
    const t = m.text();
    if (t.startsWith("import timings")) log.imports.push(Object.fromEntries([...t.matchAll(/\("([^"]+)", ([\d.]+)\)/g)].map((x) => [x[1], Number(x[2])])));
    if (t.startsWith("analysis of")) log.analyses.push(Object.fromEntries([...t.matchAll(/([a-z ]+) (\d+) ms/g)].map((x) => [x[1].trim(), Number(x[2])])));
  });
  page.on("pageerror", (e) => console.error("page error:", e.message));
  return { context, page, log };
}

// The files one after another in one visit, as a person does: the first from the Import page,
// each next one from the report's "import another file".
async function importFile(page, file) {
  if (await page.$('[data-testid="import-another"]')) await page.click('[data-testid="import-another"]');
  else await page.goto(`${base}/import`);
  await page.waitForSelector('[data-testid="import-file"]', { timeout: 60000 });
  await page.setInputFiles('[data-testid="import-file"]', file);
  await page.waitForSelector('[data-testid="preview-row"]', { timeout: 120000 });
  const t0 = Date.now();
  await page.click('[data-testid="start-import"]');
  await page.waitForSelector('[data-testid="import-done"], [data-testid="import-problems"], [data-testid="import-error"]', { timeout: 900000 });
  const wall = Date.now() - t0;
  if (!(await page.$('[data-testid="import-done"]'))) {
    console.error(`${path.basename(file)} did not import:`, await page.textContent(".import-report, [data-testid='import-error'], [data-testid='import-problems']"));
    process.exit(1);
  }
  return wall;
}

// Whether a workspace database holds an analysis cache of its current revision.
const cacheIsCurrent = (page) =>
  page.evaluate(async () => {
    const request = (r) => new Promise((ok, fail) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => fail(r.error))));
    for (const { name } of await indexedDB.databases()) {
      const db = await request(indexedDB.open(name));
      try {
        if (!db.objectStoreNames.contains("meta")) continue;
        const meta = await request(db.transaction("meta").objectStore("meta").getAll());
        const revision = meta.find((r) => r.key === "revision")?.value;
        const cache = meta.find((r) => r.key === "analysis_cache")?.revision;
        if (revision !== undefined && revision > 0) return cache === revision;
      } finally {
        db.close();
      }
    }
    return false;
  });

// The write of a job: preparing it, its requests, and waiting for the browser's commit.
const writeSteps = (t) => (t["prepare write"] || 0) + (t.write || 0) + (t["write commit"] || 0);
const importSteps = (t) => (t["read file"] || 0) + (t.parse || 0) + (t["check against the workspace"] || 0) + writeSteps(t);
const analysisSteps = (t) => (t.read || 0) + (t["build ledger"] || 0) + (t["decode records"] || 0) + (t.analyse || 0);

const kinds = onlyInteractions ? ["customers", "interactions"] : ["customers", "transactions", "interactions", "exits"];
if (!onlyDemo) {
  const { context, page, log } = await appPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  let peakHeap = 0;
  let peakRss = 0;
  const sample = setInterval(async () => {
    peakRss = Math.max(peakRss, rendererMb());
    try {
      const { metrics } = await cdp.send("Performance.getMetrics");
      const heap = metrics.find((m) => m.name === "JSHeapUsedSize")?.value || 0;
      peakHeap = Math.max(peakHeap, heap);
    } catch {}
  }, 250);
  const t0 = Date.now();
  let importTotal = 0;
  for (const kind of kinds) {
    const wall = await importFile(page, files[kind]);
    const steps = log.imports.at(-1) || {};
    const analysis = log.analyses.at(-1) || {};
    importTotal += importSteps(steps);
    out.push([`app: ${kind} (${rowsOf(files[kind]).toLocaleString("en-US")} rows, ${(size(files[kind]) / 1e6).toFixed(1)} MB)`, s(importSteps(steps)),
      `read ${steps["read file"]} + parse ${steps.parse} + check ${steps["check against the workspace"]} + write ${s(writeSteps(steps))} (prepare ${steps["prepare write"]}, requests ${steps.write}, commit ${steps["write commit"]} ms); then analysis ${s(analysisSteps(analysis))} (read ${analysis.read}, ledger ${analysis["build ledger"]}, decode ${analysis["decode records"]}, analyse ${analysis.analyse}); wizard wall clock ${s(wall)}`]);
  }
  const everything = Date.now() - t0;
  const last = log.analyses.at(-1) || {};
  out.push(["app: the files imported (sum of the import steps)", s(importTotal), ""]);
  out.push(["app: analysis of the last revision (in the last job)", s(analysisSteps(last)),
    `read ${last.read} + ledger ${last["build ledger"]} + decode ${last["decode records"]} + analyse ${last.analyse} ms`]);
  out.push(["app: wall clock of the whole sequence (with every job's analysis)", s(everything), ""]);
  clearInterval(sample);
  out.push(["app: peak memory of the tab (renderer processes, page and worker)", `${peakRss.toFixed(0)} MB`, `peak JS heap of the page ${(peakHeap / 2 ** 20).toFixed(0)} MB`]);
  // Reopening the workspace shows the cached analysis (a workspace without transactions has
  // no chart to draw: the 1M-customers run skips this).
  if (!onlyInteractions) {
    // The worker caches an analysis just after answering; a person reopens later than a
    // script does, so wait (at most 20 s) for the cache of the last revision first.
    const cacheAt = Date.now();
    while (Date.now() - cacheAt < 20000 && !(await cacheIsCurrent(page))) await page.waitForTimeout(100);
    out.push(["app: the analysis cached after the last answer", s(Date.now() - cacheAt), "(waited for before reopening)"]);
    const t1 = Date.now();
    await page.goto(`${base}/`);
    await page.waitForSelector('figure[data-state="ready"]', { timeout: 120000 });
    out.push(["app: reopen the Dashboard (cached analysis, first chart drawn)", s(Date.now() - t1), ""]);
  }
  await context.close();
}

// ---- The app: the demo company of the same size. ----
// As a person loads it: the Import page opened (its boot timed apart), then a click on "Load
// demo data", timed until the page says it is loaded (stored, analysed and shown).
let demoMs = NaN;
if (!onlyInteractions && process.env.DEMO !== "0") {
  const { context, page, log } = await appPage();
  const g0 = Date.now();
  await page.goto(`${base}/import?customers=${customers}`);
  await page.waitForSelector('[data-testid="load-demo"]', { timeout: 60000 });
  const bootMs = Date.now() - g0;
  // The worker's first (empty) analysis: the app has finished starting.
  const idle = Date.now() + 10000;
  while (log.analyses.length === 0 && Date.now() < idle) await page.waitForTimeout(20);
  const t0 = Date.now();
  let analysedAt = NaN;
  page.on("console", (m) => {
    if (m.text().startsWith("analysis of") && !m.text().startsWith("analysis of 0 ")) analysedAt = Date.now() - t0;
  });
  await page.click('[data-testid="load-demo"]');
  const progressAt = await page
    .waitForSelector('[data-testid="demo-card"] [role="progressbar"], [data-testid="demo-card"] progress', { timeout: 60000 })
    .then(() => Date.now() - t0, () => NaN);
  await page.waitForSelector('[data-testid="demo-loaded"], [data-testid="demo-error"]', { timeout: 900000 });
  demoMs = Date.now() - t0;
  if (await page.$('[data-testid="demo-error"]')) {
    console.error("the demo did not load:", await page.textContent('[data-testid="demo-error"]'));
    process.exit(1);
  }
  const t = log.analyses.at(-1) || {};
  out.push(["app: the Import page opened (boot, before the click)", s(bootMs), ""]);
  out.push(["app: demo, progress shown / the worker's answer received", `${s(progressAt)} / ${s(analysedAt)}`, "(since the click)"]);
  out.push([`app: demo company of ${customers.toLocaleString("en-US")} customers, click to shown`, s(demoMs),
    `generate ${t.generate} + write ${writeSteps(t)} (prepare ${t["prepare write"]}, requests ${t.write}, commit ${t["write commit"]}) ms; analysis ${s(analysisSteps(t))} (${t.analysis} ms with packing, while the browser stored)`]);
  out.push(["app: demo stored (generate as blocks + write)", s((t.generate || 0) + writeSteps(t)), ""]);
  await context.close();
}

// ---- Dexie.js, the same rows, one record per row. ----
if (runDexie) {
  const bare = await browser.newContext({ serviceWorkers: "block" });
  await bare.route(`${base}/__bench/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith("/dexie.mjs")) return route.fulfill({ path: dexieFile, contentType: "text/javascript" });
    const kind = url.pathname.split("/").pop().replace(".csv", "");
    if (files[kind]) return route.fulfill({ path: files[kind], contentType: "text/csv" });
    return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Dexie bench</title>" });
  });
  const page = await bare.newPage();
  await page.goto(`${base}/__bench/dexie.html`);
  const dexie = await page.evaluate(async (kinds) => {
    const { default: Dexie } = await import("/__bench/dexie.mjs");
    await Dexie.delete("dexie-bench");
    const db = new Dexie("dexie-bench");
    db.version(1).stores(Object.fromEntries(kinds.map((k) => [k, "++id"])));
    await db.open();
    const result = {};
    for (const kind of kinds) {
      const text = await (await fetch(`/__bench/${kind}.csv`)).text();
      const lines = text.split("\n");
      const header = lines[0].split(",");
      const records = [];
      for (let i = 1; i < lines.length; i++) {
        if (!lines[i]) continue;
        const cells = lines[i].split(",");
        const r = {};
        header.forEach((h, j) => (r[h] = cells[j]));
        records.push(r);
      }
      const w0 = performance.now();
      await db.table(kind).bulkAdd(records);
      result[kind] = { ms: performance.now() - w0, rows: records.length };
    }
    db.close();
    await Dexie.delete("dexie-bench");
    return result;
  }, kinds);
  await bare.close();
  let dexieTotal = 0;
  for (const kind of kinds) {
    dexieTotal += dexie[kind].ms;
    out.push([`Dexie bulkAdd: ${kind}`, s(dexie[kind].ms), `${dexie[kind].rows.toLocaleString("en-US")} records`]);
  }
  out.push(["Dexie bulkAdd: the four files", s(dexieTotal), ""]);
  const appTotal = Number(out.find((r) => r[0].startsWith("app: the files imported"))[1].replace(" s", "")) * 1000;
  out.push(["ratio (Dexie bulkAdd / the app's import steps)", `${(dexieTotal / appTotal).toFixed(1)}×`, ""]);
  if (!Number.isNaN(demoMs)) out.push(["ratio (Dexie bulkAdd / the demo, click to shown)", `${(dexieTotal / demoMs).toFixed(1)}×`, ""]);
}
await browser.close();

console.log(`\nA client's files for ${customers.toLocaleString("en-US")} customers (headless Chromium)`);
for (const [k, v, note] of out) console.log(`  ${k.padEnd(66)} ${String(v).padEnd(10)} ${note}`);
