import { expect, test } from "@playwright/test";
import { expectNoHorizontalScroll, expectNoSeriousAxeViolations, opendoor } from "./helpers";

test("a resident rates a counter service with the code from the slip", async ({ page }) => {
  const code = opendoor("service-codes", "--station", "qishan", "--officer", "100004", "--service-type", "household").trim();
  expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  await page.getByRole("link", { name: "凭服务码评价" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "凭服务码评价" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  // Typed as people type: lower case, no hyphen.
  await page.getByLabel("服务码（10 位字母或数字）").fill(code.replace("-", "").toLowerCase());
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "评价这次服务" })).toBeVisible();
  await expect(page.getByText("户籍/身份证")).toBeVisible();
  await expect(page.getByText("计为已核验评价")).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("非常满意").check();
  await page.getByLabel("效率高").check();
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "感谢您的评价" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // One code, one rating.
  const response = await page.goto(`/rate/${code.replace("-", "")}`);
  expect(response?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1, name: "这个服务码已经用过了" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test("a resident rates the station from its page", async ({ page }) => {
  await page.goto("/s/yuewang");
  await expect(page.getByRole("heading", { level: 2, name: "评价本所" })).toBeVisible();
  await page.getByLabel("基本满意").check();
  await page.getByLabel("服务类型").selectOption({ label: "治安巡查" });
  await page.getByLabel("事难办").check();
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "感谢您的评价" })).toBeVisible();
});
