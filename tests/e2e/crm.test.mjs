// The CRM flows a person goes through: a workspace of their own, a customer, an
// interaction, a manager, an exit — all still there after a reload, seen by a second
// tab, and kept apart from the other workspaces.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, newContext, open, screenshot, watchErrors, BASE_URL } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function title(page, text) {
  await page.waitForFunction((t) => document.querySelector('[data-testid="page-title"]')?.textContent === t, text, { timeout: 30000 });
}

test("a consultant runs a client's customers: workspace, customer, interaction, manager, exit, reload, second tab", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);

  // A workspace for the client.
  await open(page, "/settings");
  await page.fill('[data-testid="new-workspace-name"]', "Client A");
  await Promise.all([page.waitForEvent("load"), page.click('[data-testid="create-workspace"]')]);
  await page.waitForFunction(() => document.querySelector('[data-testid="workspace-name"]')?.textContent === "Client A", null, { timeout: 30000 });

  // A manager.
  await open(page, "/managers");
  // The Managers page needs customers first: add one by hand from the empty state.
  await page.click('[data-testid="empty-state"] a:has-text("Add a customer by hand")');
  await title(page, "New customer");
  await page.fill('[data-testid="field-id"]', "ACME-1");
  await page.fill('[data-testid="field-name"]', "Ann Lee");
  await page.fill('[data-testid="field-email"]', "ann@localhost");
  await page.click('[data-testid="save-customer"]');
  await page.waitForSelector("text=is not an e-mail address");
  await screenshot(page, "laptop-new-customer-invalid");
  await page.fill('[data-testid="field-email"]', "Ann.Lee@Example.com");
  await page.fill('[data-testid="field-company"]', "Acme Foods");
  await page.click('[data-testid="save-customer"]');
  await title(page, "Ann Lee");

  await open(page, "/managers");
  await page.fill('[data-testid="manager-name"]', "Li Wei");
  await page.fill('[data-testid="manager-email"]', "li.wei@example.com");
  await page.click('[data-testid="save-manager"]');
  await page.waitForSelector('[data-testid="manager-row"]:has-text("Li Wei")');

  // Assign the manager, log a complaint, record an exit.
  await open(page, "/customers/ACME-1");
  await page.waitForSelector('[data-testid="customer-form"]');
  await page.selectOption('[data-testid="field-manager"]', { label: "Li Wei" });
  await page.click('[data-testid="save-customer"]');
  await page.waitForSelector('[data-testid="save-status"]:has-text("Saved")');
  await page.selectOption('[data-testid="interaction-kind"]', "complaint");
  await page.fill('[data-testid="interaction-cost"]', "12.50");
  await page.fill('[data-testid="interaction-note"]', "Late delivery");
  await page.click('[data-testid="log-interaction"]');
  await page.waitForSelector('[data-testid="timeline-item"][data-kind="interaction"]:has-text("Late delivery")');
  await page.click('[data-testid="open-exit"]');
  await page.selectOption('[data-testid="exit-reason"]', "service");
  await page.fill('[data-testid="exit-note"]', "Moved to a rival");
  await page.click('[data-testid="record-exit"]');
  await page.waitForSelector('[data-testid="exit-status"]');
  assert.match(await page.textContent('[data-testid="exit-status"]'), /Service/);

  // A second tab on the same workspace sees changes made in the first.
  const second = await context.newPage();
  await open(second, "/customers/ACME-1");
  await second.waitForSelector('[data-testid="timeline-item"]');
  const before = await second.$$eval('[data-testid="timeline-item"]', (items) => items.length);
  await page.fill('[data-testid="interaction-note"]', "Called to apologise");
  await page.selectOption('[data-testid="interaction-kind"]', "call");
  await page.fill('[data-testid="interaction-cost"]', "");
  await page.click('[data-testid="log-interaction"]');
  await second.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="timeline-item"]').length === n + 1,
    before,
    { timeout: 15000 }
  );
  assert.ok(await second.isVisible('[data-testid="timeline-item"]:has-text("Called to apologise")'));
  await second.close();

  // Reload: everything is still there.
  await page.reload();
  await title(page, "Ann Lee");
  await page.waitForSelector('[data-testid="timeline-item"]');
  assert.equal(await page.inputValue('[data-testid="field-email"]'), "ann.lee@example.com");
  assert.equal(await page.$eval('[data-testid="field-manager"]', (s) => s.options[s.selectedIndex].text), "Li Wei");
  const kinds = await page.$$eval('[data-testid="timeline-item"]', (items) => items.map((i) => i.dataset.kind));
  assert.deepEqual(kinds.sort(), ["exit", "interaction", "interaction"]);
  await screenshot(page, "laptop-profile-after-reload");

  // The Customers page lists her as exited, with her manager.
  await open(page, "/customers?status=exited");
  await page.waitForSelector('[data-testid="customer-row"]');
  assert.match(await page.textContent('[data-testid="customer-count"]'), /^1 of 1 customers/);
  assert.match(await page.textContent('[data-testid="customer-row"]'), /Li Wei/);

  // Workspaces are kept apart: the first workspace does not have her.
  await open(page, "/settings");
  await page.waitForSelector('[data-testid="workspace-item"]');
  await Promise.all([page.waitForEvent("load"), page.click('[data-testid="workspace-item"]:has-text("My workspace") [data-testid="open-workspace"]')]);
  await page.waitForFunction(() => document.querySelector('[data-testid="workspace-name"]')?.textContent === "My workspace", null, { timeout: 30000 });
  await open(page, "/customers/ACME-1");
  await page.waitForSelector('[data-testid="profile-missing"]');

  assert.deepEqual(errors, []);
  await context.close();
});

test("deleting a customer removes them and their records, after a confirmation", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await open(page, "/customers/new");
  await page.fill('[data-testid="field-id"]', "TMP-1");
  await page.fill('[data-testid="field-name"]', "Temporary Person");
  await page.click('[data-testid="save-customer"]');
  await title(page, "Temporary Person");
  await page.click('[data-testid="delete-customer"]');
  await page.waitForSelector('[data-testid="confirm-delete"]');
  await page.click('[data-testid="confirm-delete"]');
  await page.waitForURL(BASE_URL + "/customers");
  await open(page, "/customers/TMP-1");
  await page.waitForSelector('[data-testid="profile-missing"]');
  await context.close();
});
