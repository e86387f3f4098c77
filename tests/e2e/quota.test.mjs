// A full disk must never look like a saved write. The origin's storage quota is lowered
// through the DevTools protocol (Storage.overrideQuotaForOrigin) before the app first opens
// its database, so that IndexedDB aborts the app's transactions with QuotaExceededError:
// loading the demo, importing a large CSV, restoring a backup and saving the settings are
// each refused with the sentence that says the browser has no more room and nothing was
// saved, and every object store of the workspace holds exactly what it held before.
//
// Facts of Chromium this file leans on (measured): the override only bites when it is sent
// before the first page that opens the database (the bucket takes its quota then), so each
// scenario opens a blank page of the origin first (`/__blank`, fulfilled by a route), sends
// the override, then navigates into the app; a quota overflow shows only as the transaction's
// `abort` event (every request succeeds first); navigator.storage.estimate() keeps reporting
// the real quota, so the app's own "is there room?" estimate cannot see the override.
//
// Quotas (measured with this build): the demo loads from about 4–5 MB up (the service
// worker's 4.4 MB cache competes for the same quota, so the edge moves), the 100,000-row
// CSV from about 3.5 MB; 2 MB and 1.5 MB are well below either. QUOTA_B, QUOTA_C and
// QUOTA_D override the quotas of scenarios b–d for experiments.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, newContext, open, pickFile, screenshot, watchErrors, BASE_URL } from "./support.mjs";

const ORIGIN = new URL(BASE_URL).origin;
const NO_ROOM = /^The browser has no more room for this workspace, so nothing of (.+?) was saved\./;
const MB = 1000 * 1000;

let browser;
before(async () => {
  browser = await launch();
});
const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), "quota-e2e-"));
after(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `customer_id,date,amount` rows, the shape bench/browser/import_vs_dexie.mjs writes. */
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

/**
 * A fresh context (fresh origin storage) whose origin may keep only `quota` bytes. The
 * override is sent from a blank page of the origin, before any page of the app has opened
 * a database; the CDP session stays attached (detaching it would drop the override).
 */
async function quotaContext(quota, options = {}) {
  const context = await newContext(browser, undefined, options);
  await context.route(`${ORIGIN}/__blank`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>blank</title>" }),
  );
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/__blank`);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin: ORIGIN, quotaSize: quota });
  return { context, page, cdp };
}

/**
 * A content hash of every object store of every workspace database ("customer-insight-ws-*"),
 * read with raw IndexedDB in one readonly transaction per database: keys and values are
 * serialised deterministically (object keys sorted; binary data as its length and SHA-256).
 * Returns { databases: { name: { store: "count:hash" } }, all: hash }.
 */
async function workspaceHash(page) {
  return page.evaluate(async () => {
    const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const sha = async (bytes) => hex(await crypto.subtle.digest("SHA-256", bytes));
    async function ser(v) {
      if (v === null) return "null";
      if (v === undefined) return "undef";
      switch (typeof v) {
        case "number":
          return Object.is(v, -0) ? "n:-0" : `n:${v}`;
        case "string":
          return `s:${JSON.stringify(v)}`;
        case "boolean":
          return `b:${v}`;
        case "bigint":
          return `i:${v}`;
      }
      if (v instanceof ArrayBuffer) return `ab:${v.byteLength}:${await sha(v)}`;
      if (ArrayBuffer.isView(v)) {
        const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice();
        return `${v.constructor.name}:${v.byteLength}:${await sha(bytes)}`;
      }
      if (v instanceof Blob) return `blob:${v.type}:${v.size}:${await sha(await v.arrayBuffer())}`;
      if (v instanceof Date) return `d:${v.getTime()}`;
      if (Array.isArray(v)) return `[${(await Promise.all(v.map(ser))).join(",")}]`;
      if (v instanceof Map) return `map{${(await Promise.all([...v].map(async ([k, x]) => `${await ser(k)}=>${await ser(x)}`))).sort().join(",")}}`;
      if (v instanceof Set) return `set{${(await Promise.all([...v].map(ser))).sort().join(",")}}`;
      const keys = Object.keys(v).sort();
      return `{${(await Promise.all(keys.map(async (k) => `${JSON.stringify(k)}:${await ser(v[k])}`))).join(",")}}`;
    }
    const request = (r) => new Promise((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    const names = (await indexedDB.databases()).map((d) => d.name).filter((n) => n.startsWith("customer-insight-ws-")).sort();
    const databases = {};
    for (const name of names) {
      // No version: opens the database as it is (it exists, listed above), never upgrades it.
      const open = indexedDB.open(name);
      const db = await request(open);
      db.onversionchange = () => db.close();
      try {
        const storeNames = [...db.objectStoreNames].sort();
        const stores = {};
        if (storeNames.length) {
          const tx = db.transaction(storeNames, "readonly");
          const read = storeNames.map((s) => Promise.all([request(tx.objectStore(s).getAllKeys()), request(tx.objectStore(s).getAll())]));
          const contents = await Promise.all(read);
          for (let i = 0; i < storeNames.length; i++) {
            const [keys, values] = contents[i];
            const text = (await Promise.all(keys.map(async (k, j) => `${await ser(k)}=${await ser(values[j])}`))).join("\n");
            stores[storeNames[i]] = `${keys.length}:${await sha(new TextEncoder().encode(text))}`;
          }
        }
        databases[name] = stores;
      } finally {
        db.close();
      }
    }
    const all = await sha(new TextEncoder().encode(JSON.stringify(databases)));
    return { databases, all };
  });
}

/**
 * The workspace hash once the app has settled: the app writes derived data in the background
 * after a page opens (the analysis cache), so hash until two readings 1.5 s apart agree.
 */
async function settledHash(page, timeout = 30000) {
  const end = Date.now() + timeout;
  let last = await workspaceHash(page);
  for (;;) {
    await page.waitForTimeout(1500);
    const now = await workspaceHash(page);
    if (now.all === last.all) return now;
    if (Date.now() > end) throw new Error("the workspace keeps changing");
    last = now;
  }
}

/** The text of whichever of `outcomes` (name → selector) appears first. */
async function firstOf(page, outcomes, timeout) {
  const selector = Object.values(outcomes).join(", ");
  await page.waitForSelector(selector, { timeout });
  for (const [name, sel] of Object.entries(outcomes)) {
    const el = await page.$(sel);
    if (el) return { name, text: (await el.textContent()).trim() };
  }
  throw new Error(`none of ${selector}`);
}

/** A full-page screenshot taken from the top (fixed header and sidebar where they belong). */
async function shoot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const file = await screenshot(page, name);
  console.log(`# screenshot ${file}`);
  return file;
}

function assertNoRoom(text, subject) {
  const m = NO_ROOM.exec(text);
  assert.ok(m, `the quota sentence is shown, got: ${JSON.stringify(text)}`);
  assert.equal(m[1], subject);
  assert.doesNotMatch(text, /QuotaExceeded|DOMException|JsValue|undefined|NaN|\{|\}/, "no technical words");
}

test("a) the demo company does not fit: refused with the quota sentence, nothing stored", async () => {
  const quota = 2 * MB; // the demo's IndexedDB data alone takes about 2.7 MB
  const { context, page } = await quotaContext(quota);
  const errors = watchErrors(page);
  await open(page, "/import");
  await page.waitForSelector('[data-testid="load-demo"]', { timeout: 30000 });
  const before = await settledHash(page);
  assert.ok(Object.keys(before.databases).length >= 1, "the workspace database exists");

  await page.click('[data-testid="load-demo"]');
  const outcome = await firstOf(page, { loaded: '[data-testid="demo-loaded"]', error: '[data-testid="demo-error"]' }, 120000);
  console.log(`# quota ${quota} bytes, demo: ${outcome.name}: ${outcome.text}`);
  await shoot(page, "quota-demo");
  assert.equal(outcome.name, "error", `the demo load is refused (the page says: ${outcome.text})`);
  assertNoRoom(outcome.text, "the demo company");
  assert.equal(await page.locator('[data-testid="demo-loaded"]').count(), 0, "no success state");
  assert.ok(await page.locator('[data-testid="demo-error"]').isVisible());

  assert.deepEqual(await settledHash(page), before, "every store of the workspace is as it was");
  // And after a reload the workspace is still empty: nothing looks saved.
  await open(page, "/import");
  await page.waitForSelector('[data-testid="no-imports"]', { timeout: 30000 });
  assert.equal(await page.locator('[data-testid="demo-loaded"]').count(), 0);
  await open(page, "/customers");
  await page.waitForSelector('[data-testid="empty-state"]', { timeout: 30000 });
  assert.deepEqual(await settledHash(page), before);
  assert.deepEqual(errors.filter((e) => e.startsWith("exception:")), [], "no uncaught exception");
  if (errors.length) console.log(`# console errors: ${JSON.stringify(errors)}`);
  await context.close();
});

const BIG_CSV_ROWS = 100_000;
const bigCsv = path.join(dir, "transactions_100k.csv");

test("b) a 100,000-row CSV does not fit: refused with the quota sentence, nothing stored", async () => {
  if (!fs.existsSync(bigCsv)) fs.writeFileSync(bigCsv, makeCsv(BIG_CSV_ROWS));
  const quota = Number(process.env.QUOTA_B || 1.5 * MB);
  const { context, page } = await quotaContext(quota);
  const errors = watchErrors(page);
  await open(page, "/import");
  await page.waitForSelector('[data-testid="load-demo"]', { timeout: 30000 });
  const before = await settledHash(page);

  await pickFile(page, bigCsv, 30000);
  await page.click('[data-testid="start-import"]');
  const outcome = await firstOf(
    page,
    { done: '[data-testid="import-done"]', error: '[data-testid="import-error"]', problems: '[data-testid="import-problems"]' },
    180000,
  );
  console.log(`# quota ${quota} bytes, ${path.basename(bigCsv)} (${fs.statSync(bigCsv).size} bytes): ${outcome.name}: ${outcome.text}`);
  await shoot(page, "quota-import");
  assert.equal(outcome.name, "error", `the import is refused (the page says: ${outcome.text})`);
  assertNoRoom(outcome.text, `the data from ${path.basename(bigCsv)}`);
  assert.equal(await page.locator('[data-testid="import-done"]').count(), 0, "no success report");
  assert.ok(await page.locator('[data-testid="import-error"]').isVisible());

  assert.deepEqual(await settledHash(page), before, "every store of the workspace is as it was");
  await open(page, "/import");
  await page.waitForSelector('[data-testid="no-imports"]', { timeout: 30000 });
  await open(page, "/customers");
  await page.waitForSelector('[data-testid="empty-state"]', { timeout: 30000 });
  assert.deepEqual(await settledHash(page), before);
  assert.deepEqual(errors.filter((e) => e.startsWith("exception:")), [], "no uncaught exception");
  if (errors.length) console.log(`# console errors: ${JSON.stringify(errors)}`);
  await context.close();
});

test("c) restoring a backup over the current workspace does not fit: refused, the workspace unchanged", async () => {
  // The backup: the demo company, downloaded from a context with the real quota.
  const source = await newContext(browser, undefined, { acceptDownloads: true });
  const sourcePage = await source.newPage();
  await open(sourcePage, "/import?demo=1");
  await sourcePage.waitForSelector('[data-testid="demo-loaded"]', { timeout: 120000 });
  const workspaceName = (await sourcePage.textContent('[data-testid="workspace-name"]')).trim();
  await open(sourcePage, "/settings");
  const [download] = await Promise.all([sourcePage.waitForEvent("download"), sourcePage.click('[data-testid="backup-download"]')]);
  const backupPath = path.join(dir, download.suggestedFilename());
  await download.saveAs(backupPath);
  await source.close();
  console.log(`# backup of the demo company: ${fs.statSync(backupPath).size} bytes`);

  const quota = Number(process.env.QUOTA_C || 2 * MB);
  const { context, page } = await quotaContext(quota);
  const errors = watchErrors(page);
  // Something in the current workspace that a failed restore must not lose.
  const small = path.join(dir, "three_orders.csv");
  fs.writeFileSync(small, "customer_id,date,amount\nKEEP-1,2024-01-05,10.00\nKEEP-2,2024-02-01,5.50\nKEEP-1,2024-03-01,8.25\n");
  await open(page, "/import");
  await page.waitForSelector('[data-testid="no-imports"]', { timeout: 30000 });
  const empty = await settledHash(page);
  await pickFile(page, small, 30000);
  await page.click('[data-testid="start-import"]');
  await page.waitForSelector('[data-testid="import-done"]', { timeout: 30000 });

  await open(page, "/settings");
  await page.waitForSelector('[data-testid="backup-card"]', { timeout: 30000 });
  const before = await settledHash(page);
  assert.notEqual(before.all, empty.all, "the hash sees the imported rows");
  await page.setInputFiles('[data-testid="restore-file"]', backupPath);
  await page.waitForSelector('[data-testid="backup-summary"]', { timeout: 30000 });
  assert.equal(await page.textContent('[data-testid="backup-customers"]'), "5,000");
  await page.check('[data-testid="restore-current"]');
  await page.check('[data-testid="restore-confirm"]');
  await page.click('[data-testid="restore-submit"]');
  await page.waitForFunction(
    () => {
      const m = document.querySelector('[data-testid="restore-message"]');
      return m && !/Tick the box/.test(m.textContent) && !document.querySelector('[data-testid="backup-card"] .loading');
    },
    null,
    { timeout: 120000 },
  );
  const text = (await page.textContent('[data-testid="restore-message"]')).trim();
  console.log(`# quota ${quota} bytes, restore over "${workspaceName}": ${text}`);
  await shoot(page, "quota-restore");
  assert.doesNotMatch(text, /^Restored/, "the restore does not report success");
  assertNoRoom(text, `the restore of "${workspaceName}"`);
  assert.ok(await page.locator('[data-testid="restore-message"][role="alert"]').isVisible(), "shown as an error");

  assert.deepEqual(await settledHash(page), before, "every store of the workspace is as it was");
  await open(page, "/customers");
  await page.waitForFunction(() => /^2 of 2 customers/.test(document.querySelector('[data-testid="customer-count"]')?.textContent || ""), null, { timeout: 60000 });
  assert.deepEqual(await settledHash(page), before);
  assert.deepEqual(errors.filter((e) => e.startsWith("exception:")), [], "no uncaught exception");
  if (errors.length) console.log(`# console errors: ${JSON.stringify(errors)}`);
  await context.close();
});

/**
 * Fills the origin's quota from the page with a database of our own ("quota-filler"): random
 * (incompressible) chunks, one transaction each, from large to small, until every size aborts.
 */
async function fillQuota(page, sizes = [262144, 65536, 16384, 4096, 1024, 256, 64]) {
  return page.evaluate(async (sizes) => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open("quota-filler", 1);
      r.onupgradeneeded = () => r.result.createObjectStore("filler");
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const random = (n) => {
      const b = new Uint8Array(n);
      for (let o = 0; o < n; o += 65536) crypto.getRandomValues(b.subarray(o, Math.min(n, o + 65536)));
      return b;
    };
    let key = 0;
    let stored = 0;
    let lastError = null;
    for (const size of sizes) {
      for (;;) {
        const tx = db.transaction("filler", "readwrite");
        tx.objectStore("filler").put(random(size), key);
        const ok = await new Promise((resolve) => {
          tx.oncomplete = () => resolve(true);
          tx.onabort = () => {
            lastError = tx.error?.name ?? null;
            resolve(false);
          };
        });
        if (!ok) break;
        key++;
        stored += size;
      }
    }
    db.close();
    return { stored, lastError };
  }, sizes);
}

test("d) saving the settings when the quota is used up: refused with the quota sentence, the old value kept", async () => {
  const quota = Number(process.env.QUOTA_D || 3 * MB);
  const { context, page } = await quotaContext(quota);
  const errors = watchErrors(page);
  await open(page, "/settings");
  const field = '[data-testid="setting-at_risk_pct"]';
  await page.waitForSelector(field, { timeout: 30000 });
  await settledHash(page);
  const old = await page.inputValue(field);
  const fill = await fillQuota(page);
  console.log(`# quota ${quota} bytes: the filler database took ${fill.stored} bytes, then ${fill.lastError}`);
  assert.equal(fill.lastError, "QuotaExceededError", "the origin is full");
  const before = await settledHash(page);

  const wanted = String(Number(old) + 11);
  await page.fill(field, wanted);
  await page.click('[data-testid="save-settings"]');
  await page.waitForSelector('[data-testid="settings-status"]', { timeout: 30000 });
  const text = (await page.textContent('[data-testid="settings-status"]')).trim();
  console.log(`# settings save of at_risk_pct ${old} → ${wanted}: ${text}`);
  await shoot(page, "quota-settings");
  assert.doesNotMatch(text, /^Saved/, "the save does not report success");
  assertNoRoom(text, "the settings");
  assert.ok(await page.locator('[data-testid="settings-status"][role="alert"]').isVisible(), "shown as an error");

  assert.deepEqual(await settledHash(page), before, "every store of the workspace is as it was");
  await open(page, "/settings");
  await page.waitForSelector(field, { timeout: 30000 });
  assert.equal(await page.inputValue(field), old, "after a reload the field shows the old value");
  assert.deepEqual(await settledHash(page), before);

  // Room made (the filler deleted), the same save goes through: the refusal was the quota's.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const r = indexedDB.deleteDatabase("quota-filler");
        r.onsuccess = resolve;
        r.onerror = () => reject(r.error);
      }),
  );
  await page.fill(field, wanted);
  await page.click('[data-testid="save-settings"]');
  await page.waitForSelector('[data-testid="settings-status"]', { timeout: 30000 });
  assert.match(await page.textContent('[data-testid="settings-status"]'), /^Saved/);
  await open(page, "/settings");
  await page.waitForSelector(field, { timeout: 30000 });
  assert.equal(await page.inputValue(field), wanted, "saved once there is room");

  assert.deepEqual(errors.filter((e) => e.startsWith("exception:")), [], "no uncaught exception");
  if (errors.length) console.log(`# console errors: ${JSON.stringify(errors)}`);
  await context.close();
});

test("e) before a big write the browser may not have room for, the app warns and writes nothing until told to", async () => {
  // The browser reports 100 MB granted and 99.5 MB used: a 5,000-customer demo (about 4 MB
  // stored) may not fit. The estimate is the page's and the worker's own (stubbed in both).
  const context = await newContext(browser);
  const stub = () => {
    const storage = self.navigator && self.navigator.storage;
    if (storage) storage.estimate = async () => ({ usage: 99.5e6, quota: 100e6 });
  };
  await context.addInitScript(stub);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await open(page, "/import");
  await page.waitForSelector('[data-testid="load-demo"]', { timeout: 30000 });
  const before = await settledHash(page);
  await page.click('[data-testid="load-demo"]');
  await page.waitForSelector('[data-testid="room-warning"]', { timeout: 30000 });
  const warning = (await page.textContent('[data-testid="room-warning"]')).trim();
  assert.match(warning, /^This needs about 4\.0\s?MB of space and the browser may have only 500\.0\s?KB left for this site \(it grants 100\.0\s?MB, 99\.5\s?MB in use\)\./);
  await shoot(page, "quota-room-warning");
  assert.equal(await page.locator('[data-testid="demo-loaded"]').count(), 0);
  // "Not now": nothing happens, nothing is written.
  await page.click('[data-testid="room-cancel"]');
  assert.equal(await page.locator('[data-testid="room-warning"]').count(), 0);
  assert.deepEqual(await settledHash(page), before, "nothing was written");
  // "Go ahead anyway": the demo loads (the real disk has room).
  await page.click('[data-testid="load-demo"]');
  await page.waitForSelector('[data-testid="room-warning"]', { timeout: 30000 });
  await page.click('[data-testid="room-proceed"]');
  await page.waitForSelector('[data-testid="demo-loaded"]', { timeout: 120000 });
  assert.deepEqual(errors.filter((e) => e.startsWith("exception:")), [], "no uncaught exception");
  await context.close();
});
