// Faster first view. Redoc's page carries its whole app (2.3 MB of JavaScript) inline, and a deep link
// (#/images/importimagequick) shows nothing until that script is compiled, run and has rendered the route:
// about 1.1 s of main-thread CPU even on an idle core, measured. So the build renders every route once in
// headless Chromium and embeds what it showed: the HTML of `#redoc` per route, plus the CSS rules the app
// added beyond the page's own styles. At load, a tiny inline script puts the snapshot of the requested
// route in place (the first view: HTML and CSS only); Redoc's script is kept as inert text and started only
// after that first frame (as a blob: module, which the page's CSP already allows), then hydrates the same
// markup. Nothing is fetched from outside the page: the snapshots are inline text like everything else.
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.js';
import { findRemoteLoads } from './offline-check.js';

export interface Snapshots {
  /** route (`#/tag` or `#/tag/entry`) → index in `pages` */
  routes: Record<string, number>;
  /** distinct contents: the outerHTML of Redoc's <main> showing a route (the sidebar is the page's own) */
  pages: string[];
  /** CSS rules the app inserted at run time that the page's own <style> elements do not have */
  css: string;
}

const REDOC_MODULE = '<script type="module">';
const LIBRARY_END = 'export{RedocStandalone,hydrate,init};';
const HYDRATE_CALL = "hydrate(__redoc_definition, __redoc_options, document.getElementById('redoc'));";

/**
 * Loads the page once per route (a fresh tab each, so nothing of another route is left in the DOM) and
 * records what Redoc shows. `routes` are the guides, the tags and the operations; a section of a guide
 * (#/guide/section) is shown from its guide's snapshot.
 */
export async function captureSnapshots(htmlPath: string, routes: string[]): Promise<Snapshots> {
  const browser = await launchBrowser();
  const url = pathToFileURL(htmlPath).href;
  try {
    const snapshots: Snapshots = { routes: {}, pages: [], css: '' };
    const cssRules = new Set<string>();
    for (const route of routes) {
      const page = await browser.context.newPage();
      await page.goto(`${url}${route}`);
      await page.locator('#redoc main h1, #redoc main h2').first().waitFor({ state: 'visible' });
      // Redoc renders asynchronously; the route is done when <main> stops changing.
      let last = -1;
      for (let same = 0, tries = 0; same < 3 && tries < 100; tries++) {
        await page.waitForTimeout(150);
        const size = await page.evaluate(() => document.querySelector('#redoc main')?.innerHTML.length ?? 0);
        same = size === last ? same + 1 : 0;
        last = size;
      }
      const { html, css } = await page.evaluate(() => {
        const main = document.querySelector('#redoc main') as HTMLElement;
        const clone = main.cloneNode(true) as HTMLElement;
        // The "API docs by Redocly" badge loads a remote logo (blocked by the CSP, hidden by CSS): leave it out.
        clone.querySelectorAll('img[src^="http"], img[src^="//"]').forEach((img) => img.remove());
        // The rules the app inserted at run time (styled-components' CSSOM sheet), beyond the page's own <style>s.
        const own = [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(own);
        const seen = new Set([...sheet.cssRules].map((r) => r.cssText));
        const added = [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).filter((t) => !seen.has(t));
        return { html: clone.outerHTML, css: added };
      });
      await page.close();
      const remote = findRemoteLoads(html);
      if (remote.length) throw new Error(`the snapshot of ${route} loads from outside the page: ${remote.map((r) => r.url).join(', ')}`);
      if (!snapshots.pages.includes(html)) snapshots.pages.push(html);
      snapshots.routes[route] = snapshots.pages.indexOf(html);
      for (const rule of css) cssRules.add(rule);
    }
    snapshots.css = [...cssRules].join('\n');
    return snapshots;
  } finally {
    await browser.close();
  }
}

/** JSON safe inside a <script> element: no `<`, so neither `</script>` nor `<!--` can appear. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The boot script: runs while the page is parsed, before Redoc; shows the snapshot of the requested route.
 * Small and dependency-free on purpose: it is the only script on the path to the first view.
 *
 * Until Redoc runs, the page is static HTML: its sidebar links are plain `<a href="/images">` (Redoc's router
 * turns them into `#/images` routes once it runs). A reader who clicks one in that first second would leave
 * for `file:///images` (an error page) or the server's `/images`. So the script routes such clicks itself,
 * and shows the new route's snapshot on every hash change until Redoc starts (the `ims-redoc-start` event).
 * The click handler listens last (bubble phase on the document) and does nothing when Redoc's router has
 * already handled the click, so it can stay.
 */
// The route is the hash up to a second `#` (a section anchor); a route without a snapshot of its own (a
// guide's section, #/guide/section) shows its first segment's (the guide).
export const BOOT_SCRIPT = `(function () {
  var data;
  try { data = JSON.parse(document.getElementById('ims-prerendered').textContent); } catch (e) { return; }
  var styled = false;
  function show() {
    var route = location.hash.split('#').slice(0, 2).join('#');
    var i = data.routes[route];
    if (i === undefined) i = data.routes[route.split('/').slice(0, 2).join('/')];
    var main = document.querySelector('#redoc main');
    if (i === undefined || !main) return;
    if (!styled) { var style = document.createElement('style'); style.textContent = data.css; document.head.appendChild(style); styled = true; }
    main.outerHTML = data.pages[i];
  }
  show();
  addEventListener('hashchange', show);
  document.addEventListener('ims-redoc-start', function () { removeEventListener('hashchange', show); }, { once: true });
  document.addEventListener('click', function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target instanceof Element ? event.target.closest('#redoc a[href^="/"]') : null;
    var href = link && link.getAttribute('href');
    if (!href || href.charAt(1) === '/') return;
    event.preventDefault();
    location.hash = href;
  });
})();`;

/** Rewrites the page built by `redocly build-docs --inlineBundle` to show snapshots first (see above). */
export function embedSnapshots(html: string, snapshots: Snapshots): string {
  const start = html.indexOf(REDOC_MODULE);
  const libraryEnd = html.indexOf(LIBRARY_END, start);
  const scriptEnd = html.indexOf('</script>', libraryEnd);
  if (start < 0 || libraryEnd < 0 || scriptEnd < 0) throw new Error('prerender: the page does not have the inline Redoc module build-docs writes');
  const library = html.slice(start + REDOC_MODULE.length, libraryEnd + LIBRARY_END.length);
  const rest = html.slice(libraryEnd + LIBRARY_END.length, scriptEnd);
  if (!rest.includes(HYDRATE_CALL)) throw new Error('prerender: the Redoc module does not end with the hydrate call build-docs writes');
  const start2 = rest.replace(
    HYDRATE_CALL,
    `// Let the snapshot paint first, then start Redoc from the inert copy of its script.
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      const library = document.getElementById('ims-redoc-standalone').textContent;
      const { hydrate } = await import(URL.createObjectURL(new Blob([library], { type: 'text/javascript' })));
      document.dispatchEvent(new Event('ims-redoc-start'));
      ${HYDRATE_CALL}
      document.documentElement.setAttribute('data-ims-redoc', 'started');`,
  );
  return [
    html.slice(0, start),
    `<script type="application/json" id="ims-prerendered">${scriptJson(snapshots)}</script>\n`,
    `      <script>${BOOT_SCRIPT}</script>\n`,
    // type text/plain: parsed as text, never run by the browser; the module below imports it.
    `      <script type="text/plain" id="ims-redoc-standalone">${library}</script>\n`,
    `      ${REDOC_MODULE}${start2}`,
    html.slice(scriptEnd),
  ].join('');
}
