import { STRUCTURAL_CODE } from './generated/spec-data.js';
import { splitPointer } from './json-pointer.js';

/** A node of the generated code tree: x-img-codes here, then properties and items below. */
export interface CodeNode {
  readonly c?: Readonly<Record<string, string>>;
  readonly p?: Readonly<Record<string, CodeNode>>;
  readonly i?: CodeNode;
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The IMG code for `keyword` failing at `pointer`: the nearest schema on the way from the body to the
 * value whose `x-img-codes` names that keyword; anything the spec gives no code is structural (IMG.0001).
 */
export function codeFor(tree: CodeNode, pointer: string, keyword: string): string {
  // Invalid bodies repeat the same few (path, keyword) pairs; remember them, within bounds. Nested
  // maps keyed by the strings themselves avoid building (and hashing) a combined key per lookup.
  if (pointer.length > 256) return lookup(tree, pointer, keyword);
  let byKeyword = caches.get(tree);
  if (!byKeyword) caches.set(tree, (byKeyword = new Map()));
  let byPointer = byKeyword.get(keyword);
  if (!byPointer) byKeyword.set(keyword, (byPointer = new Map()));
  let code = byPointer.get(pointer);
  if (code === undefined) {
    code = lookup(tree, pointer, keyword);
    if (byPointer.size >= 4096) byPointer.clear();
    byPointer.set(pointer, code);
  }
  return code;
}

const caches = new WeakMap<CodeNode, Map<string, Map<string, string>>>();

function lookup(tree: CodeNode, pointer: string, keyword: string): string {
  const trail: CodeNode[] = [tree];
  let node: CodeNode | undefined = tree;
  for (const segment of splitPointer(pointer)) {
    if (node.p && hasOwn(node.p, segment)) node = node.p[segment];
    else if (node.i && /^(?:0|[1-9]\d*)$/.test(segment)) node = node.i;
    else node = undefined;
    if (!node) break;
    trail.push(node);
  }
  for (let k = trail.length - 1; k >= 0; k--) {
    const codes = trail[k]!.c;
    if (codes && hasOwn(codes, keyword)) return codes[keyword]!;
  }
  return STRUCTURAL_CODE;
}
