// The Chinese edition (dist/zh-CN/index.html) in real headless Chromium, and the language switch between
// the editions: loads from file:// and from a loopback server, makes no request that leaves the machine,
// shows every operation in Chinese, the body variants, the error catalog and a guide in Chinese, and Redoc's
// own interface text (Request, Responses, Expand all, …) in Chinese where the English page shows English,
// both once Redoc runs and in the prerendered first view.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeWorkedExample, loadVector } from './aksk-example.js';
import type { Page } from 'playwright-core';
import { guardOutsideRequests } from './browser.js';
import { readCatalog } from './error-catalog.js';
import { EDITIONS } from './i18n/locales.js';
import { ARTIFACTS_DIR, editionDir, SITE_HTML } from './paths.js';
import { editionSource } from './site-build.js';
import { checkBodyVariants, deepLink, openGuideSection, openSite, operationHeading } from './site-pages.js';
import { findOperation, listOperations, loadBundle } from './spec-source.js';
import { pageWithoutRedoc } from './test-support/first-view.js';
import { useSharedPage, useSiteSession } from './test-support/site-session.js';

const bundle = loadBundle();
const zh = editionSource(bundle, 'zh-CN');
const operations = listOperations(zh.doc);
const ZH_HTML = join(editionDir(EDITIONS['zh-CN'].dir), 'index.html');
const guideTitle = (file: string): string => zh.guides.find((g) => g.file === file)?.title ?? file;

const site = useSiteSession();

describe.sequential('the Chinese edition from file://', () => {
  const view = useSharedPage(site, () => pathToFileURL(ZH_HTML).href);

  it('is a zh-CN page whose sidebar shows the guides and tags in Chinese', async () => {
    expect(await view.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    for (const name of [guideTitle('01-getting-started.md'), '镜像', '任务', EDITIONS['zh-CN'].groups.guides]) {
      await view.page.getByText(name, { exact: true }).first().waitFor({ state: 'visible' });
    }
  });

  it('shows every operation under its Chinese summary, by deep link', async () => {
    for (const entry of operations) {
      expect(entry.operation.summary, entry.operationId).toMatch(/[\u4e00-\u9fff]/);
      await view.page.evaluate((hash) => (window.location.hash = hash), deepLink(entry));
      await operationHeading(view.page, entry).waitFor({ state: 'visible' });
    }
  });

  it('switches the request body between ECS, BMS and DataImage, with Chinese field descriptions', async () => {
    const quickImport = findOperation(zh.doc, 'importImageQuick');
    await view.page.evaluate((hash) => (window.location.hash = hash), deepLink(quickImport));
    await operationHeading(view.page, quickImport).waitFor({ state: 'visible' });
    await checkBodyVariants(view.page);
    await view.page.getByText('数据盘镜像', { exact: false }).first().waitFor({ state: 'visible' });
    await view.page.screenshot({ path: join(ARTIFACTS_DIR, 'zh-quick-import-dataimage.png') });
  });

  it('finds Chinese text with the search box (数据盘 → the data-disk example)', async () => {
    await view.page.getByText('搜索', { exact: false }).first().click();
    const input = view.page.getByPlaceholder(/search/i).first();
    await input.waitFor({ state: 'visible' });
    await input.fill('数据盘');
    const dataDisk = zh.doc.components?.examples?.DataDisk as { summary?: string } | undefined;
    if (!dataDisk?.summary) throw new Error('the DataDisk example has no summary');
    const hit = view.page.getByText(/^request examples →/).first();
    await hit.waitFor({ state: 'visible' });
    expect(await hit.evaluate((e) => e.parentElement?.textContent ?? '')).toContain(dataDisk.summary);
    await view.page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden' });
  });

  it('shows a guide in Chinese: the AK/SK worked example with its Chinese steps and signature', async () => {
    await openGuideSection(view.page, guideTitle('02-authentication.md'), '计算示例');
    await view.page.getByText('第 1 步：计算请求体哈希。', { exact: false }).first().waitFor({ state: 'visible' });
    const shown = view.page.getByText(computeWorkedExample(loadVector().input).signature, { exact: true }).first();
    await shown.scrollIntoViewIfNeeded();
    await shown.waitFor({ state: 'visible' });
    await view.page.screenshot({ path: join(ARTIFACTS_DIR, 'zh-guide-authentication.png') });
  });

  it('shows the error catalog with the Chinese message and hint first', async () => {
    await openGuideSection(view.page, guideTitle('04-errors.md'), '错误码目录');
    for (const schema of ['ImgErrorCode', 'ApigwErrorCode']) {
      const last = readCatalog(bundle, schema).at(-1);
      if (!last?.zh) throw new Error(`${schema}: the last entry has no Chinese message`);
      const row = view.page.locator('tr').filter({ hasText: last.code }).first();
      await row.scrollIntoViewIfNeeded();
      await row.waitFor({ state: 'visible' });
      const text = (await row.textContent()) ?? '';
      expect(text).toContain(last.zh);
      expect(text.indexOf(last.zh)).toBeLessThan(text.indexOf(last.message));
      if (last.zhHint) expect(text).toContain(last.zhHint);
    }
    await view.page.screenshot({ path: join(ARTIFACTS_DIR, 'zh-error-catalog.png') });
  });

  it('sent no request outside the page the whole time', () => {
    expect(view.outside).toEqual([]);
  });
});

describe.sequential('the language switch', () => {
  const origins: Array<[string, () => string]> = [
    ['file://', () => pathToFileURL(SITE_HTML).href],
    ['a loopback server', () => site.server.url],
  ];
  for (const [name, english] of origins) {
    it(`links English → 中文 → English from ${name}, with no request outside the page`, async () => {
      const page = await site.browser.context.newPage();
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

// Redoc's interface text on the quick import operation and on a job operation (path parameters), as the
// reader sees it: English on the English page, Chinese (i18n/zh-CN/redoc-ui.json) on the Chinese one.
const UI_TEXT: Array<{ en: string; zh: string; operationId: string }> = [
  { en: 'Request', zh: '请求', operationId: 'importImageQuick' },
  // Redoc heads the request's and each response's body alike: `body` with the default "Body".
  { en: 'Body', zh: '消息体', operationId: 'importImageQuick' },
  { en: 'Responses', zh: '响应', operationId: 'importImageQuick' },
  { en: 'Expand all', zh: '全部展开', operationId: 'importImageQuick' },
  { en: 'required', zh: '必填', operationId: 'importImageQuick' },
  { en: 'Path', zh: '路径参数', operationId: 'showJobProgress' },
];
const pages = [
  { lang: 'en' as const, html: SITE_HTML, doc: bundle },
  { lang: 'zh-CN' as const, html: ZH_HTML, doc: zh.doc },
];

/**
 * True when a visible text node of <main> is exactly `text` (trimmed). Redoc's labels share their element
 * with other text (the body heading reads "Body" + "application/json" + "required"), so a match on whole
 * elements would not find them.
 */
function showsTextPiece(text: string): boolean {
  const main = document.querySelector('#redoc main');
  if (!main) return false;
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.textContent?.trim() === text && node.parentElement?.checkVisibility()) return true;
  }
  return false;
}

/** Checks the interface text of each operation on `page` (opened by `open` at the operation's deep link). */
async function checkInterfaceText(open: (hash: string) => Promise<Page>, edition: (typeof pages)[number]): Promise<Page[]> {
  const opened: Page[] = [];
  for (const operationId of new Set(UI_TEXT.map((t) => t.operationId))) {
    const entry = listOperations(edition.doc).find((e) => e.operationId === operationId);
    if (!entry) throw new Error(`${operationId} is not in the bundle`);
    const page = await open(deepLink(entry));
    opened.push(page);
    await operationHeading(page, entry).waitFor({ state: 'visible' });
    for (const text of UI_TEXT.filter((t) => t.operationId === operationId)) {
      const [shown, other] = edition.lang === 'en' ? [text.en, text.zh] : [text.zh, text.en];
      await page.waitForFunction(showsTextPiece, shown);
      expect(await page.evaluate(showsTextPiece, other), `${edition.lang} ${operationId}: ${other}`).toBe(false);
    }
  }
  return opened;
}

describe.sequential("Redoc's own interface text", () => {
  for (const edition of pages) {
    it(`is ${edition.lang === 'en' ? 'English' : 'Chinese'} on the ${edition.lang} page once Redoc runs`, async () => {
      const page = await site.browser.context.newPage();
      const outside = await guardOutsideRequests(page);
      await openSite(page, pathToFileURL(edition.html).href);
      await checkInterfaceText(async (hash) => {
        await page.evaluate((h) => (window.location.hash = h), hash);
        return page;
      }, edition);
      if (edition.lang === 'zh-CN') await page.screenshot({ path: join(ARTIFACTS_DIR, 'zh-redoc-interface.png') });
      expect(outside).toEqual([]);
      await page.close();
    });

    it(`is ${edition.lang === 'en' ? 'English' : 'Chinese'} in the ${edition.lang} page's first view, before Redoc runs`, async () => {
      const outsideAll: string[] = [];
      const opened = await checkInterfaceText(async (hash) => {
        // A fresh tab per link: a second goto that changes only the fragment would not load the page again.
        const { page, outside } = await pageWithoutRedoc(site.browser);
        await page.goto(`${pathToFileURL(edition.html).href}${hash}`);
        outsideAll.push(...outside);
        return page;
      }, edition);
      for (const page of opened) {
        // Redoc's module did try to start (and got the dead URL): the text came from the snapshot.
        expect(await page.evaluate(() => (window as unknown as { redocStarts: number }).redocStarts)).toBe(1);
        await page.close();
      }
      expect(outsideAll).toEqual([]);
    });
  }

  it("shows the Chinese page's root (no route) in Chinese in the first view too", async () => {
    const { page, outside } = await pageWithoutRedoc(site.browser);
    await page.goto(pathToFileURL(ZH_HTML).href);
    await page.waitForFunction(showsTextPiece, '概览');
    expect(await page.evaluate(showsTextPiece, 'Overview')).toBe(false);
    expect(outside).toEqual([]);
    await page.close();
  });
});
