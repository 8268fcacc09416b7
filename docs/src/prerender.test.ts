import { describe, expect, it } from 'vitest';
import { BOOT_SCRIPT, embedSnapshots, type Snapshots } from './prerender.js';

const page = [
  '<html><head><style>body{}</style></head><body>',
  '<div id="redoc"><div class="layout"><nav>menu</nav><main>overview</main></div></div>',
  '<script type="module">',
  'const{hydrate}=(()=>({hydrate(){}}))();export{RedocStandalone,hydrate,init};',
  '',
  '      const __redoc_definition = {};',
  "      hydrate(__redoc_definition, __redoc_options, document.getElementById('redoc'));",
  '      </script></body></html>',
].join('\n');
const snapshots: Snapshots = { routes: { '#/a': 0, '#/b/c': 0 }, pages: ['<main><h1>A</h1><p>x</script><!-- y</p></main>'], css: '.a{color:red}' };

describe('embedSnapshots', () => {
  const out = embedSnapshots(page, snapshots);

  it('keeps Redoc as inert text, started from a blob: module after the first frame', () => {
    expect(out).toContain('<script type="text/plain" id="ims-redoc-standalone">\nconst{hydrate}=');
    expect(out).toMatch(/requestAnimationFrame[\s\S]*import\(URL\.createObjectURL\(new Blob\(\[library\][\s\S]*hydrate\(__redoc_definition/);
    expect(out.indexOf('ims-prerendered')).toBeLessThan(out.indexOf(BOOT_SCRIPT));
  });

  it('tells the boot script when Redoc starts, and marks the page once it has', () => {
    expect(out).toMatch(/dispatchEvent\(new Event\('ims-redoc-start'\)\);\s*hydrate\(__redoc_definition[^\n]*\n\s*document\.documentElement\.setAttribute\('data-ims-redoc', 'started'\)/);
    expect(BOOT_SCRIPT).toContain("addEventListener('ims-redoc-start'");
  });

  it('stores the snapshots as JSON no HTML parser can end early', () => {
    const json = /<script type="application\/json" id="ims-prerendered">([\s\S]*?)<\/script>/.exec(out)?.[1] ?? '';
    expect(json).not.toMatch(/<\//);
    expect(JSON.parse(json)).toEqual(snapshots);
  });

  it('refuses a page that is not the one build-docs writes', () => {
    expect(() => embedSnapshots(page.replace('<script type="module">', '<script>'), snapshots)).toThrow(/inline Redoc module/);
    expect(() => embedSnapshots(page.replace("hydrate(__redoc_definition", 'start(__redoc_definition'), snapshots)).toThrow(/hydrate call/);
  });
});
