import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetPreferences, signInApi } from '../support/api';
import { fitsWidth, launchBrowser, openPage, screenshot } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await resetPreferences(baseURL, 'admin');
  await browser?.close();
});

/** A district and one of its managers from the demo city, as the import names them. */
async function demoNames(): Promise<{ district: string; manager: string }> {
  const { cookie } = await signInApi(baseURL, 'admin');
  const list = (await (
    await fetch(`${baseURL}/api/retailers?pageSize=1&status=active`, { headers: { cookie } })
  ).json()) as {
    items: { id: number; managerName: string | null }[];
  };
  const first = list.items[0];
  if (!first?.managerName) throw new Error('the demo city has no assigned retailer');
  const detail = (await (await fetch(`${baseURL}/api/retailers/${first.id}`, { headers: { cookie } })).json()) as {
    districtName: string;
  };
  return { district: detail.districtName, manager: first.managerName };
}

function csvFile(name: string, rows: string[][]): string {
  const path = join(tmpdir(), name);
  writeFileSync(path, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
  return path;
}

async function signInAsAdmin(page: Page) {
  await page.goto('/');
  // The first page of a run may wait for a cold server and a loaded machine.
  await page.locator('#username').waitFor({ timeout: 60_000 });
  await page.locator('#username').fill('admin');
  await page.locator('#password').fill('siyi-demo');
  // Wait for the sign-in answer: a navigation right after the click cancelled the request on a loaded machine,
  // and the next page came up signed out.
  const signedIn = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/auth/login', {
    timeout: 60_000,
  });
  await page.locator('button[type=submit]').click();
  expect((await signedIn).status()).toBe(200);
}

describe('an admin imports retailers', () => {
  it('imports a CSV with one bad row: sees the row report, fixes the row and commits', async () => {
    const { district, manager } = await demoNames();
    const suffix = String(Date.now() % 100_000).padStart(5, '0');
    const header = [
      '许可证号',
      '店名',
      '负责人',
      '电话',
      '地址',
      '业态',
      '档位',
      '片区',
      '客户经理',
      '纬度',
      '经度',
      '营业时间',
      '订货日',
    ];
    const row = (n: number, tier: string) => [
      `4110029${suffix.slice(0, 4)}${n}`,
      `旅程导入店${n}`,
      `店主${n}`,
      `1390000000${n}`,
      `许昌市魏都区旅程路${n}号`,
      '便利店',
      tier,
      district,
      manager,
      '34.03',
      '113.85',
      '08:00-21:00',
      '周二',
    ];
    const bad = csvFile(`import-bad-${suffix}.csv`, [header, row(1, '12'), row(2, '31'), row(3, '5')]);
    const fixed = csvFile(`import-fixed-${suffix}.csv`, [header, row(1, '12'), row(2, '30'), row(3, '5')]);

    const page = await openPage(browser, baseURL);
    await signInAsAdmin(page);
    await page.getByRole('link', { name: '导入零售户' }).first().click();
    await page.waitForURL(/\/retailers\/import$/, { timeout: 20_000 });
    await page.getByRole('heading', { name: '导入零售户' }).waitFor({ timeout: 30_000 });

    // The file with a tier of 31 in its row 3: the report names that row, column and problem; nothing is written.
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByRole('button', { name: /检查文件/ }).click();
    await page.getByText('有 1 处错误').waitFor({ timeout: 20_000 });
    const report = page.getByRole('table').or(page.getByRole('list', { name: '错误列表' }));
    await report.first().waitFor();
    await expect(page.getByText('应为 1 到 30 之间的整数。').isVisible()).resolves.toBe(true);
    expect(await page.getByRole('cell', { name: '档位' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await screenshot(page, 'retailer-import-report-desktop-zh');

    // Fixed and checked again: clean, so it can be imported.
    await page.locator('input[type=file]').setInputFiles(fixed);
    await page.getByRole('button', { name: /检查文件/ }).click();
    await page.getByText('没有发现错误，可以导入。').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成').waitFor({ timeout: 30_000 });
    await expect(
      page
        .getByText(/新建 3 户/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, 'retailer-import-done-desktop-zh');

    // The three shops are in the list now.
    const { cookie } = await signInApi(baseURL, 'admin');
    const found = (await (
      await fetch(`${baseURL}/api/retailers?q=${encodeURIComponent('旅程导入店')}`, { headers: { cookie } })
    ).json()) as {
      total: number;
    };
    expect(found.total).toBeGreaterThanOrEqual(3);
    await page.context().close();
  }, 180_000);

  it('fits a phone, in Chinese and in English', async () => {
    const page = await openPage(browser, baseURL, 'phone');
    await signInAsAdmin(page);
    await page.goto('/retailers/import');
    await page.getByRole('heading', { name: '导入零售户' }).waitFor({ timeout: 20_000 });
    const file = csvFile('import-phone.csv', [
      ['许可证号', '店名'],
      ['12345', '小店'],
    ]);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: /检查文件/ }).click();
    await page
      .getByText(/处错误/)
      .first()
      .waitFor({ timeout: 20_000 });
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'retailer-import-report-phone-zh');

    // English (the admin's preference; put back afterwards).
    const login = await fetch(`${baseURL}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'siyi-demo' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    await fetch(`${baseURL}/api/me/preferences`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ locale: 'en' }),
    });
    for (const viewport of ['phone', 'desktop'] as const) {
      const english = await openPage(browser, baseURL, viewport);
      await signInAsAdmin(english);
      await english.goto('/retailers/import');
      await english.getByRole('heading', { name: 'Import retailers' }).waitFor({ timeout: 20_000 });
      await english.locator('input[type=file]').setInputFiles(file);
      await english.getByRole('button', { name: /Check file/ }).click();
      await english
        .getByText(/problems?: fix the file/)
        .first()
        .waitFor({ timeout: 20_000 });
      expect(await fitsWidth(english)).toBe(true);
      await screenshot(english, `retailer-import-report-${viewport}-en`);
      await english.context().close();
    }
    await resetPreferences(baseURL, 'admin');
    await page.context().close();
  }, 240_000);
});
