// Importing files: on top of the demo company, a semicolon CSV with a decimal comma and a
// byte-order mark is read as it is meant and stored; a file with bad rows lists its problems
// (row, column, sentence) and leaves the workspace unchanged; an import is reverted in one click.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, newContext, open, pickFile as pick, screenshot, watchErrors, VIEWPORTS } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), "import-e2e-"));
// Three customers the demo does not have, written the way a Spanish spreadsheet saves them.
const commaBom = path.join(dir, "ventas_marzo.csv");
fs.writeFileSync(
  commaBom,
  Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(
      "Cliente;Fecha;Importe;Tipo\n" +
        "NUEVO-1;31/03/2024;1.234,50;pedido\n" +
        "NUEVO-2;01/04/2024;7,25;pedido\n" +
        "NUEVO-1;15/04/2024;12,00;devolución\n" +
        "NUEVO-3;16/04/2024;99,90;pedido\n",
    ),
  ]),
);
const badRows = path.join(dir, "bad_rows.csv");
fs.writeFileSync(
  badRows,
  "customer_id,date,amount\nMALO-1,2024-01-05,10.00\nMALO-2,2024-13-05,5.00\nMALO-3,2024-02-01,abc\nMALO-4,2024-02-02,8.50\n",
);

async function customerCount(page) {
  await open(page, "/customers");
  await page.waitForSelector('[data-testid="customer-row"]', { timeout: 60000 });
  return (await page.textContent('[data-testid="customer-count"]')).trim();
}

async function waitForCount(page, pattern) {
  await open(page, "/customers");
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('[data-testid="customer-count"]')?.textContent || ""),
    pattern.source,
    { timeout: 60000 },
  );
}

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`${name}: import a decimal-comma CSV with a BOM, refuse bad rows, revert`, async () => {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    const errors = watchErrors(page);

    await open(page, "/import?demo=1");
    await page.waitForSelector('[data-testid="demo-loaded"]', { timeout: 120000 });
    assert.match(await customerCount(page), /^5,000 of 5,000 customers/);

    // A semicolon file with a BOM and decimal commas: the wizard reads it as meant.
    await open(page, "/import");
    await pick(page, commaBom);
    assert.equal(await page.inputValue('[data-testid="plan-delimiter"]'), "1", "semicolon detected");
    assert.equal(await page.inputValue('[data-testid="plan-decimal"]'), "comma");
    assert.equal(await page.inputValue('[data-testid="plan-encoding"]'), "1", "UTF-8 with BOM detected");
    const firstRow = await page.locator('[data-testid="preview-row"]').first().textContent();
    assert.match(firstRow, /NUEVO-1/);
    assert.match(firstRow, /1,234\.50/);
    assert.match(firstRow, /Mar 31, 2024/);
    await screenshot(page, `${name}-import-plan`);
    await page.click('[data-testid="start-import"]');
    await page.waitForSelector('[data-testid="import-done"]', { timeout: 30000 });
    assert.match(await page.textContent('[data-testid="import-done"]'), /Imported 4 rows from ventas_marzo\.csv/);
    await screenshot(page, `${name}-import-done`);
    await waitForCount(page, /^5,003 of 5,003 customers/);
    await page.fill('[data-testid="customer-search"]', "NUEVO-1");
    await page.waitForFunction(() => /^1 of 5,003/.test(document.querySelector('[data-testid="customer-count"]')?.textContent || ""), null, { timeout: 30000 });

    // A file with bad rows: the problems are listed with row and column; nothing is stored.
    await open(page, "/import");
    await pick(page, badRows);
    assert.equal(await page.locator('[data-testid="preview-table"] .row--invalid').count(), 2);
    await page.click('[data-testid="start-import"]');
    await page.waitForSelector('[data-testid="import-problems"]', { timeout: 30000 });
    const problems = await page.locator('[data-testid="problem"]').allTextContents();
    assert.deepEqual(problems, [
      'Row 3, column "date": "2024-13-05" is not a date written as YYYY-MM-DD.',
      'Row 4, column "amount": "abc" is not a number (write it like 1234.56).',
    ]);
    assert.match(await page.textContent('[data-testid="problems-summary"]'), /2 of 4 rows have problems, so nothing was imported/);
    await page.waitForSelector('[data-testid="batch-row"]');
    assert.equal(await page.locator('[data-testid="batch-row"]').count(), 2, "demo + the good file only");
    await screenshot(page, `${name}-import-problems`);
    await waitForCount(page, /^5,003 of 5,003 customers/);

    // Revert the CSV import (the newest batch) in one click.
    await open(page, "/import");
    await page.waitForSelector('[data-testid="batch-row"]');
    const newest = page.locator('[data-testid="batch-row"]').first();
    assert.match(await newest.textContent(), /ventas_marzo\.csv/);
    await newest.locator('[data-testid="revert-batch"]').click();
    await page.click('[data-testid="confirm-revert-yes"]');
    await page.waitForFunction(() => /reverted/.test(document.querySelector('[data-testid="batch-row"]')?.textContent || ""), null, { timeout: 30000 });
    await screenshot(page, `${name}-import-reverted`);
    await waitForCount(page, /^5,000 of 5,000 customers/);

    assert.deepEqual(errors, []);
    await context.close();
  });
}
