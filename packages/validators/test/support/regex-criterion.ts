// A static sufficient condition for linear-time matching by a backtracking engine (V8 irregexp):
//  1. the pattern is anchored at the start (`^`), so only one match attempt does real work;
//  2. every unbounded quantifier (*, +, {n,}) applies to ONE character atom (a class, an escape, `.`,
//     a literal) — never to a group, so no nested or alternating repetition (`(a+)+`, `(a|a)*`);
//  3. outside lookarounds there is at most one unbounded quantifier, and at most one inside each
//     lookaround, and none inside a group repeated more than once (`(a*){2,}`); no backreferences.
// Then one match attempt backtracks over at most n positions of the single loop, times a constant
// bounded by the pattern's bounded quantifiers: O(n).

interface Scope { unbounded: number }
export interface Verdict { ok: boolean; reason?: string }

export function linearTime(pattern: string): Verdict {
  if (!pattern.startsWith('^')) return { ok: false, reason: 'not anchored at the start' };
  let i = 0;
  const scopes: Scope[] = [{ unbounded: 0 }];
  // repeat[k] > 1 when the k-th open group may repeat; filled when its quantifier is read.
  const groupStack: { lookaround: boolean; start: number; hasUnbounded: boolean }[] = [];
  let lastAtom: 'char' | 'group' | null = null;
  let lastGroupHadUnbounded = false;
  const fail = (reason: string): Verdict => ({ ok: false, reason: `${reason} at ${i}` });
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return fail('backreference');
      i += pattern[i + 1] === 'u' ? 6 : 2;
      lastAtom = 'char';
      continue;
    }
    if (c === '[') {
      i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
      lastAtom = 'char';
      continue;
    }
    if (c === '(') {
      const lookaround = /^\(\?<?[=!]/.test(pattern.slice(i));
      groupStack.push({ lookaround, start: i, hasUnbounded: false });
      if (lookaround) scopes.push({ unbounded: 0 });
      i += pattern.startsWith('(?:', i) ? 3 : lookaround ? (pattern[i + 2] === '<' ? 4 : 3) : 1;
      lastAtom = null;
      continue;
    }
    if (c === ')') {
      const g = groupStack.pop();
      if (!g) return fail('unbalanced )');
      if (g.lookaround) scopes.pop();
      lastGroupHadUnbounded = g.hasUnbounded;
      if (groupStack.length && g.hasUnbounded) groupStack[groupStack.length - 1]!.hasUnbounded = true;
      i++;
      lastAtom = g.lookaround ? null : 'group';
      continue;
    }
    const q = /^(?:\*|\+|\?|\{(\d+)(,(\d*))?\})\??/.exec(pattern.slice(i));
    if (q && (c === '*' || c === '+' || c === '?' || c === '{')) {
      const max = c === '*' || c === '+' ? Infinity : c === '?' ? 1 : q[2] === undefined ? Number(q[1]) : q[3] === '' ? Infinity : Number(q[3]);
      if (lastAtom === null) return fail('quantifier without atom');
      if (max === Infinity) {
        if (lastAtom === 'group') return fail('unbounded quantifier on a group');
        const scope = scopes[scopes.length - 1]!;
        if (++scope.unbounded > 1) return fail('second unbounded quantifier in one scope');
        if (groupStack.length) groupStack[groupStack.length - 1]!.hasUnbounded = true;
      } else if (lastAtom === 'group' && max > 1 && lastGroupHadUnbounded) {
        return fail('group with an unbounded quantifier repeats');
      }
      i += q[0].length;
      lastAtom = null;
      continue;
    }
    i++;
    lastAtom = c === '^' || c === '$' || c === '|' ? null : 'char';
  }
  return groupStack.length ? { ok: false, reason: 'unbalanced (' } : { ok: true };
}
