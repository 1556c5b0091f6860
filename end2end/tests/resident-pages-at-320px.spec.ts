import { expect, test } from "@playwright/test";
import { expectNoHorizontalScroll, expectNoSeriousAxeViolations } from "./helpers";

// Every resident page a visitor can open without a secret, in large-text mode on the
// narrowest phone we support: nothing scrolls sideways and axe finds nothing serious.
const pages: [string, number][] = [
  ["/", 200],
  ["/s/qishan", 200],
  ["/o/100001", 200],
  ["/rated?review=KM-2026-000001", 200],
  ["/rate", 200],
  ["/rate/ZZZZZZZZZZ", 404],
  ["/request/new", 200],
  ["/request/receipt", 200],
  ["/track", 200],
  ["/track/KM-2026-000001", 200],
  ["/mail/confirm/00000000000000000000000000000000", 200],
  ["/mail/confirmed", 200],
  ["/mail/unsubscribe/00000000000000000000000000000000", 200],
  ["/mail/unsubscribed", 200],
  ["/reports", 200],
  ["/s/qishan/reports", 200],
  ["/s/qishan/reports/2020-01", 404],
  ["/staff/login", 200],
  ["/s/nowhere", 404],
  ["/no/such/page", 404],
];

for (const [path, status] of pages) {
  test(`${path} works at 320 px in large text`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "od_text", value: "large", url: baseURL! }]);
    await page.setViewportSize({ width: 320, height: 640 });
    const response = await page.goto(path);
    expect(response?.status()).toBe(status);
    await expect(page.locator("html")).toHaveClass(/large-text/);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoSeriousAxeViolations(page);
  });
}
