import { expect, test } from "@playwright/test";
import { collectErrors, expectNoHorizontalScroll, expectNoSeriousAxeViolations } from "./helpers";

test("a resident finds a station and its officers from the home page", async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "开门评警" })).toBeVisible();
  for (const name of ["祁山派出所", "月望派出所", "大东门派出所"]) {
    await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
  }
  await expectNoHorizontalScroll(page);
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("link", { name: /祁山派出所/ }).click();
  await expect(page).toHaveURL(/\/s\/qishan$/);
  await expect(page.getByRole("heading", { level: 1, name: "祁山派出所" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "祁山路警务室" })).toBeVisible();
  await expect(page.getByText("张伟")).toBeVisible();
  await expect(page.getByText("警号 100001")).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoSeriousAxeViolations(page);
  expect(errors).toEqual([]);
});

test("the language switch shows English and is remembered", async ({ page }) => {
  await page.goto("/s/yuewang");
  await page.getByRole("link", { name: "Switch to English" }).click();
  await expect(page).toHaveURL(/\/s\/yuewang$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Yuewang Police Station" })).toBeVisible();

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 2, name: "Police stations" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("link", { name: "切换到中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("large-text mode makes the text larger and stays on", async ({ page }) => {
  await page.goto("/");
  const before = await page.getByRole("heading", { level: 1 }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await page.getByRole("link", { name: "切换到大字模式" }).click();
  await expect(page.locator("html")).toHaveClass(/large-text/);
  const after = await page.getByRole("heading", { level: 1 }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(after).toBeGreaterThan(before * 1.2);
  await page.goto("/s/dadongmen");
  await expect(page.locator("html")).toHaveClass(/large-text/);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoHorizontalScroll(page);
  await page.getByRole("link", { name: "切换到标准字号" }).click();
  await expect(page.locator("html")).not.toHaveClass(/large-text/);
});

test("an unknown address gets a real 404 page with a way home", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "页面不存在" })).toBeVisible();
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "开门评警" })).toBeVisible();
});

test("an unknown station is a 404 that lists the real ones", async ({ page }) => {
  const response = await page.goto("/s/nowhere");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "找不到这个派出所" })).toBeVisible();
  await expect(page.getByRole("link", { name: /月望派出所/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("with JavaScript the islands bundle loads under the Content-Security-Policy", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "phone-no-js", "the bundle needs JavaScript");
  const errors = collectErrors(page);
  // Islands hydrate when the browser is idle: the WASM arrives after the page is usable.
  const wasm = page.waitForResponse((r) => r.url().endsWith(".wasm") && r.status() === 200);
  await page.goto("/");
  await wasm;
  await page.getByRole("link", { name: /大东门派出所/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "大东门派出所" })).toBeVisible();
  // A CSP violation or a failed hydration would be logged as an error.
  expect(errors).toEqual([]);
});
