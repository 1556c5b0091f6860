import { expect, test } from "@playwright/test";

// Issue 3: the rating page's first load, everything compressed, at most 150 KB.
const BUDGET_BYTES = 150_000;

test("the rating page's first load fits the budget", async ({ page }) => {
  test.skip(test.info().project.use.javaScriptEnabled === false, "measures the JavaScript load");
  const sizes: Promise<number>[] = [];
  page.on("requestfinished", (request) =>
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)),
  );
  await page.goto("/o/100001", { waitUntil: "networkidle" });
  const wasm = await page.evaluate(() =>
    performance.getEntriesByType("resource").some((e) => e.name.endsWith(".wasm")),
  );
  expect(wasm, "the islands' WASM was loaded and counted").toBe(true);
  const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  console.log(`first load of /o/100001: ${total} bytes on the wire`);
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
});
