// Two tabs on one workspace: an import reverted from both at once is reverted once; the
// tab that came second says so in a sentence, and neither hangs on "Reverting…".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, demoContext, open, screenshot, watchErrors } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a revert raced from two tabs ends with one revert and one clear sentence", async () => {
  const context = await demoContext(browser);
  const [a, b] = [await context.newPage(), await context.newPage()];
  const errors = [...watchErrors(a), ...watchErrors(b)];
  for (const page of [a, b]) {
    await open(page, "/import");
    await page.waitForSelector('[data-testid="revert-batch"]', { timeout: 60000 });
    await page.click('[data-testid="revert-batch"]');
    await page.waitForSelector('[data-testid="confirm-revert-yes"]');
  }
  await Promise.all([a.click('[data-testid="confirm-revert-yes"]'), b.click('[data-testid="confirm-revert-yes"]')]);
  // Both settle: the dialog closes in both tabs, and the list says "Reverted" in both.
  for (const page of [a, b]) {
    await page.waitForSelector('[data-testid="confirm-revert"]', { state: "detached", timeout: 60000 });
    await page.waitForFunction(() => /reverted/i.test(document.querySelector('[data-testid="batch-row"]')?.textContent || ""), null, { timeout: 60000 });
  }
  const sentences = [];
  for (const page of [a, b]) {
    const el = await page.$('[data-testid="revert-error"]');
    if (el) sentences.push((await el.textContent()).trim());
  }
  assert.deepEqual(sentences, ["This import was already reverted (perhaps in another tab); nothing changed."]);
  const second = (await a.$('[data-testid="revert-error"]')) ? a : b;
  await screenshot(second, "tabs-revert-race");
  // The workspace is empty again in both.
  for (const page of [a, b]) {
    await open(page, "/customers");
    await page.waitForSelector('[data-testid="empty-state"]', { timeout: 60000 });
  }
  assert.deepEqual(errors.filter((e) => e.startsWith("exception:")), []);
  await context.close();
});
