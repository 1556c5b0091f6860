import { expect, test } from "@playwright/test";
import { expectNoHorizontalScroll, expectNoSeriousAxeViolations } from "./helpers";

test("a clerk signs in to the workspace and signs out", async ({ page }) => {
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff\/login$/);
  await page.getByLabel("用户名").fill("clerk.qishan");
  await page.getByLabel("密码").fill("wrong password here");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toContainText("用户名或密码不正确");
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("用户名").fill("clerk.qishan");
  await page.getByLabel("密码").fill("e2e-demo-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "工作台" })).toBeVisible();
  await expect(page.getByText("clerk.qishan")).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/staff\/login$/);
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff\/login$/);
});
