import { describe, expect, it } from 'vitest';
import { parseIni } from './ini.js';

describe('parseIni (the credentials file format)', () => {
  it('reads sections and key = value lines, values as written (trimmed), comments and blank lines skipped', () => {
    const { sections, unreadable } = parseIni('\uFEFF# comment\n[basic]\r\nak = AKX\nsk=a=b==\n; another\n\n[global]\nak = G\nenabled = true\n');
    expect(Object.fromEntries(sections.get('basic')!)).toEqual({ ak: 'AKX', sk: 'a=b==' });
    expect(Object.fromEntries(sections.get('global')!)).toEqual({ ak: 'G', enabled: 'true' });
    expect(unreadable).toEqual([]);
  });

  it('keeps quotes, dots and case as written (unlike the npm ini package)', () => {
    const { sections } = parseIni('[a.b]\nsk = "quoted"\nAK = upper\n');
    expect(Object.fromEntries(sections.get('a.b')!)).toEqual({ sk: '"quoted"', AK: 'upper' });
  });

  it('a repeated section adds to it, a repeated key wins', () => {
    const { sections } = parseIni('[basic]\nak = 1\n[other]\n[basic]\nak = 2\nsk = s\n');
    expect(Object.fromEntries(sections.get('basic')!)).toEqual({ ak: '2', sk: 's' });
  });

  it('reports lines it cannot read instead of guessing: no =, empty key, a key before any section', () => {
    expect(parseIni('orphan = 1\n[basic]\njunk\n= value\n').unreadable).toEqual([1, 3, 4]);
  });

  it('an empty value is an empty string', () => {
    expect(parseIni('[basic]\nproject_id =\n').sections.get('basic')?.get('project_id')).toBe('');
  });
});
