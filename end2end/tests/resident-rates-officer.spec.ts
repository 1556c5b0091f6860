import { expect, test } from "@playwright/test";
import { collectErrors, expectNoHorizontalScroll, expectNoSeriousAxeViolations } from "./helpers";

test("a resident rates officer 100001 from the QR code page", async ({ page }) => {
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/o/100001");
  await expect(page.getByRole("heading", { level: 1, name: "评价民警" })).toBeVisible();
  await expect(page.getByText("张伟")).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoSeriousAxeViolations(page);

  // Sent empty: the errors come back beside the fields.
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByRole("alert")).toContainText("请选择满意程度。");
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("满意", { exact: true }).check();
  await page.getByLabel("服务类型").selectOption({ label: "窗口接待" });
  await page.getByLabel("态度好").check();
  await page.getByLabel("意见或建议（选填，1000 字以内）").fill("办事很快，谢谢！");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "感谢您的评价" })).toBeVisible();
  await expect(page).toHaveURL(/\/rated$/);
  // The refused submission answered 422 on purpose; nothing else may fail.
  expect(errors.filter((e) => !e.includes("status of 422"))).toEqual([]);
});

test("a very dissatisfied rating is passed on for review with a reference", async ({ page }) => {
  await page.goto("/o/200003");
  await page.getByLabel("非常不满意").check();
  await page.getByLabel("服务类型").selectOption({ label: "户籍/身份证" });
  await page.getByLabel("话难听").check();
  await page.getByLabel("联系方式（选填）").fill("13800000000");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "感谢您的评价" })).toBeVisible();
  await expect(page.getByText(/核实编号：\s*KM-\d{4}-\d{6}/)).toBeVisible();
});

test("an unknown badge gets a 404 page that leads to the stations", async ({ page }) => {
  const response = await page.goto("/o/999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "找不到这位民警" })).toBeVisible();
  await page.getByRole("link", { name: /祁山派出所/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "祁山派出所" })).toBeVisible();
});
