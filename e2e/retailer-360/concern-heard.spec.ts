import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInApi } from '../support/api';
import { fitsWidth, launchBrowser, openPage, screenshot } from '../support/browser';

const baseURL = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a manager on a retailer’s 360 page', () => {
  it('records a concern heard and sees it on the timeline, on a phone', async () => {
    // One of manager1's shops, taken from the API the pages use.
    const { cookie } = await signInApi(baseURL, 'manager1');
    const mine = (await (await fetch(`${baseURL}/api/retailers?pageSize=5`, { headers: { cookie } })).json()) as {
      items: { id: number; shopName: string }[];
    };
    const target = mine.items[0];
    if (!target) throw new Error('manager1 has no retailers');
    const topic = `货源-${Date.now() % 100_000}`;

    const page = await openPage(browser, baseURL, 'phone');
    await page.goto('/');
    await page.locator('#username').fill('manager1');
    await page.locator('#password').fill('siyi-demo');
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });

    await page.goto(`/retailers/${target.id}`);
    await page.getByRole('heading', { level: 1, name: target.shopName }).waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: '档案' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'retailer-360-profile-phone');

    await page.getByRole('tab', { name: '关注点' }).click();
    await page.getByLabel('话题').fill(topic);
    await page.getByLabel('零售户说了什么').fill('希望下周多投放一些细支烟，\n店门口的宣传牌也旧了。');
    await page.getByRole('button', { name: '保存关注点' }).click();
    // The list under the form shows it as soon as it is saved.
    await page.locator('.siyi-r360-concerns').getByText(topic).waitFor({ timeout: 30_000 });
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'retailer-360-concerns-phone');

    await page.getByRole('tab', { name: '动态' }).click();
    const event = page.locator('[data-testid=timeline-item][data-kind="concern.heard"]').first();
    await event.waitFor({ timeout: 30_000 });
    const text = (await event.textContent()) ?? '';
    expect(text).toContain(topic);
    expect(text).toContain('希望下周多投放一些细支烟');
    expect(page.url()).toContain('tab=timeline');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'retailer-360-timeline-phone');
    await page.context().close();
  });

  it('edits the profile; when someone saved first it shows what they changed and re-applies the edit', async () => {
    const login = await fetch(`${baseURL}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager1', password: 'siyi-demo' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const mine = (await (await fetch(`${baseURL}/api/retailers?pageSize=5`, { headers: { cookie } })).json()) as {
      items: { id: number; shopName: string }[];
    };
    const target = mine.items[1];
    if (!target) throw new Error('manager1 has fewer than two retailers');

    const page = await openPage(browser, baseURL, 'phone');
    await page.goto('/');
    await page.locator('#username').fill('manager1');
    await page.locator('#password').fill('siyi-demo');
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });
    await page.goto(`/retailers/${target.id}`);
    await page.getByRole('button', { name: '编辑档案' }).click();
    const phone = page.getByLabel('电话', { exact: true });
    await phone.waitFor({ timeout: 30_000 });

    // The form checks as the server does: a bad phone number is refused before anything is sent.
    await phone.fill('12345');
    await phone.blur();
    await page.getByText('请填写 11 位手机号').first().waitFor({ timeout: 30_000 });
    await phone.fill('13812345678');
    await screenshot(page, 'retailer-360-edit-phone');

    // Meanwhile someone else saves the same shop.
    const current = (await (await fetch(`${baseURL}/api/retailers/${target.id}`, { headers: { cookie } })).json()) as {
      version: number;
    };
    const other = await fetch(`${baseURL}/api/retailers/${target.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ version: current.version, businessScope: '卷烟零售、雪茄烟零售（已核对）' }),
    });
    expect(other.status).toBe(200);

    await page.getByRole('button', { name: /^保\s*存$/ }).click();
    const conflict = page.getByTestId('conflict-fields');
    await conflict.waitFor({ timeout: 30_000 });
    const conflictText = (await conflict.textContent()) ?? '';
    expect(conflictText).toContain('经营范围');
    expect(conflictText).toContain('已核对');
    expect(conflictText).toContain('13812345678');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'retailer-360-conflict-phone');

    await page.getByRole('button', { name: '在最新内容上重新应用我的修改' }).click();
    await conflict.waitFor({ state: 'detached' });
    // The re-applied edit sits on the other person's values: both are in the form now.
    expect(await phone.inputValue()).toBe('13812345678');
    expect(await page.getByLabel('经营范围').inputValue()).toContain('已核对');
    await page.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.getByText('档案已保存').waitFor({ timeout: 30_000 });
    const saved = (await (await fetch(`${baseURL}/api/retailers/${target.id}`, { headers: { cookie } })).json()) as {
      phone: string;
      businessScope: string;
      version: number;
    };
    expect(saved).toMatchObject({ phone: '13812345678', businessScope: '卷烟零售、雪茄烟零售（已核对）' });
    expect(saved.version).toBe(current.version + 2);
    await page.context().close();
  });
});
