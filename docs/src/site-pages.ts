// How the tests and the bench find things on the Redoc 3 page. Redoc renders lazily and keeps operations
// collapsed under their tag in the sidebar, so "an operation is visible" means: its section heading is
// rendered and on screen, reached by the sidebar (as a reader does) or by a deep link.
import type { Locator, Page } from 'playwright-core';
import type { OperationEntry } from './spec-source.js';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Loads the site and waits until Redoc runs (the page marks `<html data-ims-redoc="started">`): the tests
 * that drive Redoc's sidebar, search and tabs start from an interactive page. What a reader can do before
 * that (the first view, a sidebar click) has its own tests in site-first-view.test.ts.
 */
export async function openSite(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-ims-redoc="started"]').waitFor({ state: 'attached' });
}

/** The rendered section heading of an operation (Redoc titles it with the summary). */
export function operationHeading(page: Page, entry: OperationEntry): Locator {
  const title = entry.operation.summary ?? entry.operationId;
  // A deprecated operation's heading also carries a "Deprecated" badge (已废弃 in the Chinese edition).
  return page.locator('h1, h2, h3').filter({ hasText: new RegExp(`^\\s*${escape(title)}(?:\\s*(?:deprecated|已废弃))?\\s*$`, 'i') }).first();
}

/**
 * Redoc's slug of a tag, as its bundled `slugify` makes it: characters outside slugify's default set
 * dropped, runs of whitespace turned into `-`, lower case ("IAM (used by the client)" →
 * "iam-(used-by-the-client)", parentheses kept).
 */
export function tagSlug(tag: string): string {
  return tag.replace(/[^\w\s$*_+~.()'"!\-:@]+/g, '').trim().replace(/\s+/g, '-').toLowerCase();
}

/** Redoc's URL fragment of an operation: the tag's slug, then the operationId in lower case. */
export function deepLink(entry: OperationEntry): string {
  const tag = entry.operation.tags?.[0];
  if (!tag) throw new Error(`${entry.operationId} has no tag`);
  return `#/${tagSlug(tag)}/${entry.operationId.toLowerCase()}`;
}

/**
 * Opens the operation through the sidebar: its tag, then its entry (named "<summary><method>", plus a
 * "deprecated" badge on deprecated ones). Redoc also expands the tag of the section in view by itself, and
 * a click on an expanded tag collapses it, so the tag is clicked only while the entry is hidden.
 */
export async function openFromSidebar(page: Page, entry: OperationEntry): Promise<Locator> {
  const tag = entry.operation.tags?.[0] ?? '';
  const title = entry.operation.summary ?? entry.operationId;
  const link = page.getByRole('link', { name: new RegExp(`^${escape(title)}(?:\\s*(?:${entry.method}|deprecated))*$`, 'i') }).first();
  for (let attempt = 0; attempt < 3 && !(await link.isVisible()); attempt++) {
    await page.getByRole('link', { name: tag, exact: true }).first().click();
    await link.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined);
  }
  await link.click();
  const heading = operationHeading(page, entry);
  await heading.waitFor({ state: 'visible' });
  return heading;
}

/** Opens a guide (a sidebar entry of the Guides group) and waits for one of its section headings. */
export async function openGuideSection(page: Page, guide: string, section: string): Promise<Locator> {
  await page.getByRole('link', { name: guide, exact: true }).first().click();
  const sectionLink = page.getByRole('link', { name: section, exact: true }).first();
  await sectionLink.click();
  const heading = page.locator('h1, h2, h3').filter({ hasText: new RegExp(`^\\s*${escape(section)}\\s*$`) }).first();
  await heading.waitFor({ state: 'visible' });
  return heading;
}

/**
 * Checks the request body's variants of the quick import: the ECS and BMS tabs show os_version and no
 * os_type, the DataImage tab shows os_type. The tab labels are the discriminator's mapping keys, the same
 * in every edition.
 */
export async function checkBodyVariants(page: Page): Promise<void> {
  const body = page.locator('[id$="/request/body"]').first();
  const field = (name: string) => body.locator(`[id$="/${name}"]`).filter({ visible: true });
  for (const variant of ['ECS', 'BMS']) {
    await page.getByRole('tab', { name: variant, exact: true }).first().click();
    await field('os_version').first().waitFor({ state: 'visible' });
    if ((await field('os_type').count()) !== 0) throw new Error(`the ${variant} tab shows os_type`);
  }
  await page.getByRole('tab', { name: 'DataImage', exact: true }).first().click();
  await field('os_type').first().waitFor({ state: 'visible' });
  await page.getByRole('tab', { name: 'DataImage', exact: true }).first().scrollIntoViewIfNeeded();
}
