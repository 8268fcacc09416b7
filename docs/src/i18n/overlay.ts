// Applies an OpenAPI Overlay 1.0 document (https://spec.openapis.org/overlay/v1.0.0.html) to a copy of an
// OpenAPI document: each action's `target` (JSONPath, see jsonpath.ts) selects nodes; `update` is merged
// into each selected object (objects recursively, arrays appended, everything else replaced) and `remove:
// true` deletes the selected nodes. Stricter than the specification on purpose, because a translation that
// silently misses its target ships English text under a Chinese page: a target that selects nothing, an
// update of something that is not an object, or a malformed overlay throws, naming the action.
import { queryJsonPath, toPointer } from './jsonpath.js';

export interface OverlayAction {
  target: string;
  description?: string;
  update?: unknown;
  remove?: boolean;
  [extension: `x-${string}`]: unknown;
}

export interface OverlayDocument {
  overlay: string;
  info: { title: string; version: string };
  extends?: string;
  actions: OverlayAction[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Checks the shape of a parsed overlay document; throws with the first problem. */
export function assertOverlay(value: unknown, source = 'overlay'): asserts value is OverlayDocument {
  if (!isObject(value)) throw new Error(`${source}: not an object`);
  if (typeof value.overlay !== 'string' || !/^1\.0\.\d+$/.test(value.overlay)) throw new Error(`${source}: "overlay" must be a 1.0.x version, got ${JSON.stringify(value.overlay)}`);
  const info = value.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') throw new Error(`${source}: info.title and info.version are required`);
  if (!Array.isArray(value.actions) || value.actions.length === 0) throw new Error(`${source}: "actions" must be a non-empty list`);
  value.actions.forEach((action: unknown, i) => {
    const where = `${source}: actions[${i}]`;
    if (!isObject(action) || typeof action.target !== 'string') throw new Error(`${where}: a target (JSONPath) is required`);
    for (const key of Object.keys(action)) {
      if (!['target', 'description', 'update', 'remove'].includes(key) && !key.startsWith('x-')) throw new Error(`${where}: unknown field "${key}"`);
    }
    if (action.remove !== undefined && typeof action.remove !== 'boolean') throw new Error(`${where}: remove must be a boolean`);
    if (action.remove === true && action.update !== undefined) throw new Error(`${where}: an action either updates or removes`);
    if (action.remove !== true && action.update === undefined) throw new Error(`${where}: needs update or remove: true`);
  });
}

function merge(target: unknown, update: unknown): unknown {
  if (Array.isArray(target) && Array.isArray(update)) return [...target, ...structuredClone(update)];
  if (isObject(target) && isObject(update)) {
    for (const [key, value] of Object.entries(update)) target[key] = key in target ? merge(target[key], value) : structuredClone(value);
    return target;
  }
  return structuredClone(update);
}

export interface AppliedAction {
  index: number;
  target: string;
  /** JSON Pointers of the nodes the action changed */
  pointers: string[];
}

/** Returns the changed copy and, per action, which nodes it touched. The input is never modified. */
export function applyOverlay<T>(document: T, overlay: OverlayDocument): { document: T; applied: AppliedAction[] } {
  const doc = structuredClone(document);
  const applied: AppliedAction[] = [];
  overlay.actions.forEach((action, index) => {
    const where = `actions[${index}] (${action.target})`;
    const matches = queryJsonPath(doc, action.target);
    if (matches.length === 0) throw new Error(`${where}: the target selects nothing in the document`);
    if (action.remove === true) {
      // Deepest and last first, so removing array elements does not shift the ones still to remove.
      for (const { path } of [...matches].reverse()) {
        const key = path.at(-1);
        if (key === undefined) throw new Error(`${where}: cannot remove the root`);
        const parent = queryParent(doc, path);
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete (parent as Record<string, unknown>)[key as string];
      }
    } else {
      for (const { path, value } of matches) {
        if (Array.isArray(value)) {
          value.push(...(Array.isArray(action.update) ? structuredClone(action.update) : [structuredClone(action.update)]));
        } else if (isObject(value) && isObject(action.update)) merge(value, action.update);
        else throw new Error(`${where}: ${toPointer(path) || '/'} is a ${value === null ? 'null' : typeof value}; an update needs an object or an array target`);
      }
    }
    applied.push({ index, target: action.target, pointers: matches.map((m) => toPointer(m.path)) });
  });
  return { document: doc, applied };
}

function queryParent(doc: unknown, path: Array<string | number>): unknown {
  let node = doc;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  return node;
}
