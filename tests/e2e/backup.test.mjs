// Data out: the scores and customers CSV exports of the customers in view, and a full
// backup that survives deleting the workspace — restored, every page shows the same.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { launch, newContext, open, screenshot, watchErrors } from "./support.mjs";

const SCORES_HEADER =
  "customer_id,orders,revenue,gross_margin,cost_to_serve,profit,frequency,recency,T," +
  "monetary_value,p_alive,expected_purchases,expected_order_value,clv,future_profit," +
  "current_quadrant,future_quadrant,tier,rfm_segment,r_score,f_score,m_score,expected_next_order";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Splits CSV text into records, honouring quoted fields with commas and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(path), path };
}

async function countText(page) {
  await page.waitForSelector('[data-testid="customer-row"]', { timeout: 60000 });
  return page.textContent('[data-testid="customer-count"]');
}

async function dashboardFacts(page) {
  await open(page, "/");
  await page.waitForSelector('[data-testid="kpis"]', { timeout: 60000 });
  return {
    kpis: (await page.textContent('[data-testid="kpis"]')).trim(),
    quadrants: await page.$$eval('[data-testid="quadrant-count"]', (els) => els.map((e) => e.textContent)),
  };
}

test("exports, then back up, delete the workspace, restore, and every number is the same", async () => {
  const context = await newContext(browser, undefined, { acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await open(page, "/import?demo=1");
  await page.waitForSelector('[data-testid="demo-loaded"]', { timeout: 90000 });

  // Scores of the gold tier, exactly the columns of `insight score`, with a BOM for Excel.
  await open(page, "/customers?tier=gold");
  await page.waitForFunction(() => /^50 of/.test(document.querySelector('[data-testid="customer-count"]')?.textContent || ""), null, { timeout: 60000 });
  await page.click('[data-testid="export"] summary');
  const scores = await download(page, () => page.click('[data-testid="export-scores"]'));
  assert.match(scores.name, /^customer-insight-scores-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual([...scores.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "the file starts with a UTF-8 BOM");
  const scoreRows = parseCsv(scores.bytes.subarray(3).toString("utf8"));
  assert.equal(scoreRows[0].join(","), SCORES_HEADER);
  assert.equal(scoreRows.length - 1, 50, "one row per gold customer");
  const tier = scoreRows[0].indexOf("tier");
  assert.ok(scoreRows.slice(1).every((r) => r[tier] === "gold"), "every exported row is gold");
  const pAlive = scoreRows[0].indexOf("p_alive");
  assert.ok(scoreRows.slice(1).every((r) => Number(r[pAlive]) >= 0 && Number(r[pAlive]) <= 1));
  assert.match(await page.textContent('[data-testid="export-result"]'), /customer-insight-scores-.*50 rows/);
  await screenshot(page, "laptop-customers-export");

  // Every customer's details.
  await open(page, "/customers");
  assert.match(await countText(page), /^5,000 of 5,000/);
  await page.click('[data-testid="export"] summary');
  const customers = await download(page, () => page.click('[data-testid="export-customers"]'));
  const customerRows = parseCsv(customers.bytes.subarray(3).toString("utf8"));
  assert.equal(customerRows[0][0], "customer_id");
  assert.equal(customerRows.length - 1, 5000);
  assert.equal(new Set(customerRows.slice(1).map((r) => r[0])).size, 5000, "ids are unique");

  const before = await dashboardFacts(page);

  // Back up.
  await open(page, "/settings");
  const backup = await download(page, () => page.click('[data-testid="backup-download"]'));
  assert.match(backup.name, /^customer-insight-.+-\d{4}-\d{2}-\d{2}\.cibackup$/);
  assert.equal(backup.bytes.subarray(0, 8).toString("latin1"), "CIBACKUP");
  await page.waitForSelector('[data-testid="backup-message"]');
  assert.match(await page.textContent('[data-testid="backup-message"]'), /Backup saved as/);
  console.log(`# backup of the demo company: ${backup.bytes.length} bytes`);

  // A damaged file is refused with a sentence, before anything is touched.
  const damaged = Buffer.from(backup.bytes);
  damaged[damaged.length - 10] ^= 0xff;
  await page.setInputFiles('[data-testid="restore-file"]', { name: "damaged.cibackup", mimeType: "application/octet-stream", buffer: damaged });
  await page.waitForSelector('[data-testid="restore-message"]');
  const refusal = await page.textContent('[data-testid="restore-message"]');
  assert.match(refusal, /damaged\.cibackup/);
  assert.doesNotMatch(refusal, /JsValue|undefined|NaN/);
  await page.setInputFiles('[data-testid="restore-file"]', { name: "notes.cibackup", mimeType: "text/plain", buffer: Buffer.from("customer_id,name\n1,Ann\n") });
  await page.waitForFunction(() => /not a Customer Insight backup|not a backup/i.test(document.querySelector('[data-testid="restore-message"]')?.textContent || ""));

  // Delete the workspace (the app moves to a fresh, empty one).
  const name = (await page.textContent('[data-testid="workspace-name"]')).trim();
  await page.click('[data-testid="workspace-item"]:has-text("' + name + '") [data-testid="delete-workspace"]');
  // The current workspace goes once the page has moved on (a reload onto the next one).
  await Promise.all([page.waitForEvent("load", { timeout: 30000 }), page.click('[data-testid="confirm-delete-yes"]')]);
  await open(page, "/customers");
  await page.waitForSelector('[data-testid="empty-state"]', { timeout: 30000 });

  // Restore into a new workspace: checked and summarised first.
  await open(page, "/settings");
  await page.waitForSelector('[data-testid="workspace-item"]');
  assert.equal(await page.locator('[data-testid="workspace-item"]').count(), 1, "the deleted workspace is gone, the fresh one remains");
  await page.setInputFiles('[data-testid="restore-file"]', backup.path);
  await page.waitForSelector('[data-testid="backup-summary"]', { timeout: 30000 });
  assert.equal(await page.textContent('[data-testid="backup-customers"]'), "5,000");
  assert.equal(await page.inputValue('[data-testid="restore-name"]'), name);
  await screenshot(page, "laptop-settings-restore");
  await page.fill('[data-testid="restore-name"]', "Restored demo");
  await page.click('[data-testid="restore-submit"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="workspace-name"]')?.textContent.trim() === "Restored demo", null, { timeout: 90000 });

  await open(page, "/settings");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="workspace-item"]').length === 2);
  await open(page, "/customers");
  assert.match(await countText(page), /^5,000 of 5,000/);
  const after = await dashboardFacts(page);
  assert.deepEqual(after, before, "the dashboard shows the same numbers after the round trip");

  // A restore over the current workspace needs the confirmation, then replaces everything.
  await open(page, "/settings");
  await page.setInputFiles('[data-testid="restore-file"]', backup.path);
  await page.waitForSelector('[data-testid="backup-summary"]');
  await page.check('[data-testid="restore-current"]');
  await page.click('[data-testid="restore-submit"]');
  await page.waitForSelector('[data-testid="restore-message"]');
  assert.match(await page.textContent('[data-testid="restore-message"]'), /Tick the box/);
  await page.check('[data-testid="restore-confirm"]');
  await screenshot(page, "laptop-settings-restore-current");
  await page.click('[data-testid="restore-submit"]');
  await page.waitForFunction(() => /^Restored: 5,000 customers/.test(document.querySelector('[data-testid="restore-message"]')?.textContent || ""), null, { timeout: 90000 });
  assert.deepEqual(await dashboardFacts(page), before);

  assert.deepEqual(errors, []);
  await context.close();
});

test("phone width: the backup card and the export bar fit the screen", async () => {
  const context = await newContext(browser, { width: 390, height: 844 });
  const page = await context.newPage();
  await open(page, "/settings");
  await page.waitForSelector('[data-testid="backup-card"]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll (overflow ${overflow}px)`);
  await page.locator('[data-testid="backup-card"]').screenshot({ path: (await import("node:path")).join((await import("./support.mjs")).SCREENSHOT_DIR, "phone-settings-backup.png") });
  await context.close();
});
