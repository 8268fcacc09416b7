// Matches a request path against the spec's operations (src/generated, from the bundle).
import type { OperationEntry } from './catalog-types.js';
import { OPERATIONS } from './generated/spec-data.js';

export type RouteMatch =
  | { kind: 'operation'; operation: OperationEntry; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

interface CompiledRoute {
  operation: OperationEntry;
  segments: ({ literal: string } | { param: string })[];
}

function compile(ops: readonly OperationEntry[]): CompiledRoute[] {
  return ops.map((operation) => ({
    operation,
    segments: operation.path
      .split('/')
      .slice(1)
      .map((s) => (/^\{[^}]+\}$/.test(s) ? { param: s.slice(1, -1) } : { literal: s })),
  }));
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(ops: readonly OperationEntry[] = OPERATIONS) {
    // Literal segments win over parameters (e.g. /v1/cloudimages/job/… is not a project id).
    this.routes = compile(ops).sort((a, b) => literalScore(b) - literalScore(a));
  }

  /** `rawPath` is the request path without the query, still percent-encoded. */
  match(method: string, rawPath: string): RouteMatch {
    // The official SDK strips one trailing slash and the gateway ignores it, so one is tolerated.
    const trimmed = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
    const parts = trimmed.split('/').slice(1);
    const allow: string[] = [];
    let found: RouteMatch | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route, parts);
      if (!params) continue;
      if (route.operation.method === method) {
        found ??= { kind: 'operation', operation: route.operation, params };
      } else if (!allow.includes(route.operation.method)) {
        allow.push(route.operation.method);
      }
    }
    if (found) return found;
    return allow.length ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }
}

function literalScore(r: CompiledRoute): number {
  return r.segments.filter((s) => 'literal' in s).length;
}

function matchSegments(route: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  if (parts.length !== route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = route.segments[i]!;
    const part = parts[i]!;
    if ('literal' in seg) {
      if (seg.literal !== part) return undefined;
    } else {
      if (part === '') return undefined;
      try {
        params[seg.param] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    }
  }
  return params;
}
