// The Chinese edition (dist/zh-CN/index.html) in real headless Chromium, and the language switch between
// the editions: loads from file:// and from a loopback server, makes no request that leaves the machine,
// shows every operation in Chinese, the body variants, the error catalog and a guide in Chinese.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeWorkedExample, loadVector } from './aksk-example.js';
import { guardOutsideRequests, launchBrowser, type Browser } from './browser.js';
import { readCatalog } from './error-catalog.js';
import { EDITIONS } from './i18n/locales.js';
import { ARTIFACTS_DIR, DIST_DIR, editionDir, SITE_HTML } from './paths.js';
import { editionSource } from './site-build.js';
import { checkBodyVariants, deepLink, openGuideSection, openSite, operationHeading } from './site-pages.js';
import { listOperations, loadBundle } from './spec-source.js';
import { serveDirectory, type StaticServer } from './static-server.js';

const bundle = loadBundle();
const zh = editionSource(bundle, 'zh-CN');
const operations = listOperations(zh.doc);
const ZH_HTML = join(editionDir(EDITIONS['zh-CN'].dir), 'index.html');
const guideTitle = (file: string): string => zh.guides.find((g) => g.file === file)?.title ?? file;

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await serveDirectory(DIST_DIR);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.sequential('the Chinese edition from file://', () => {
  let page: Page;
  let outside: string[];
  beforeAll(async () => {
    page = await browser.context.newPage();
    outside = await guardOutsideRequests(page);
    await openSite(page, pathToFileURL(ZH_HTML).href);
  });
  afterAll(async () => {
    await page?.close();
  });

  it('is a zh-CN page whose sidebar shows the guides and tags in Chinese', async () => {
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    for (const name of [guideTitle('01-getting-started.md'), '镜像', '任务', EDITIONS['zh-CN'].groups.guides]) {
      await page.getByText(name, { exact: true }).first().waitFor({ state: 'visible' });
    }
  });

  it('shows every operation under its Chinese summary, by deep link', async () => {
    for (const entry of operations) {
      expect(entry.operation.summary, entry.operationId).toMatch(/[\u4e00-\u9fff]/);
      await page.evaluate((hash) => (window.location.hash = hash), deepLink(entry));
      await operationHeading(page, entry).waitFor({ state: 'visible' });
    }
  });

  it('switches the request body between ECS, BMS and DataImage, with Chinese field descriptions', async () => {
    const quickImport = operations.find((e) => e.operationId === 'importImageQuick');
    if (!quickImport) throw new Error('importImageQuick is not in the bundle');
    await page.evaluate((hash) => (window.location.hash = hash), deepLink(quickImport));
    await operationHeading(page, quickImport).waitFor({ state: 'visible' });
    await checkBodyVariants(page);
    await page.getByText('数据盘镜像', { exact: false }).first().waitFor({ state: 'visible' });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'zh-quick-import-dataimage.png') });
  });

  it('finds Chinese text with the search box (数据盘 → the data-disk example)', async () => {
    await page.getByText('Search', { exact: false }).first().click();
    const input = page.getByPlaceholder(/search/i).first();
    await input.waitFor({ state: 'visible' });
    await input.fill('数据盘');
    const dataDisk = zh.doc.components?.examples?.DataDisk as { summary?: string } | undefined;
    if (!dataDisk?.summary) throw new Error('the DataDisk example has no summary');
    const hit = page.getByText(/^request examples →/).first();
    await hit.waitFor({ state: 'visible' });
    expect(await hit.evaluate((e) => e.parentElement?.textContent ?? '')).toContain(dataDisk.summary);
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden' });
  });

  it('shows a guide in Chinese: the AK/SK worked example with its Chinese steps and signature', async () => {
    await openGuideSection(page, guideTitle('02-authentication.md'), '计算示例');
    await page.getByText('第 1 步：计算请求体哈希。', { exact: false }).first().waitFor({ state: 'visible' });
    const shown = page.getByText(computeWorkedExample(loadVector().input).signature, { exact: true }).first();
    await shown.scrollIntoViewIfNeeded();
    await shown.waitFor({ state: 'visible' });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'zh-guide-authentication.png') });
  });

  it('shows the error catalog with the Chinese message and hint first', async () => {
    await openGuideSection(page, guideTitle('04-errors.md'), '错误码目录');
    for (const schema of ['ImgErrorCode', 'ApigwErrorCode']) {
      const last = readCatalog(bundle, schema).at(-1);
      if (!last?.zh) throw new Error(`${schema}: the last entry has no Chinese message`);
      const row = page.locator('tr').filter({ hasText: last.code }).first();
      await row.scrollIntoViewIfNeeded();
      await row.waitFor({ state: 'visible' });
      const text = (await row.textContent()) ?? '';
      expect(text).toContain(last.zh);
      expect(text.indexOf(last.zh)).toBeLessThan(text.indexOf(last.message));
      if (last.zhHint) expect(text).toContain(last.zhHint);
    }
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'zh-error-catalog.png') });
  });

  it('sent no request outside the page the whole time', () => {
    expect(outside).toEqual([]);
  });
});

describe.sequential('the language switch', () => {
  const origins: Array<[string, () => string]> = [
    ['file://', () => pathToFileURL(SITE_HTML).href],
    ['a loopback server', () => server.url],
  ];
  for (const [name, english] of origins) {
    it(`links English → 中文 → English from ${name}, with no request outside the page`, async () => {
      const page = await browser.context.newPage();
      const outside = await guardOutsideRequests(page);
      await page.goto(english());
      await page.getByRole('link', { name: EDITIONS.en.switchTo.label, exact: true }).click();
      await page.waitForURL(/\/zh-CN\/index\.html$/);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.getByText(guideTitle('01-getting-started.md'), { exact: true }).first().waitFor({ state: 'visible' });
      await page.getByRole('link', { name: EDITIONS['zh-CN'].switchTo.label, exact: true }).click();
      await page.waitForURL((url) => !url.pathname.includes('/zh-CN/'));
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByText('Getting started', { exact: true }).first().waitFor({ state: 'visible' });
      expect(outside).toEqual([]);
      await page.close();
    });
  }
});
