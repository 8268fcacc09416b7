// The few OpenAPI 3.1 shapes the docs build reads. The bundle is validated by the spec package; here we
// only describe what we touch, and keep everything else open.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ExampleObject {
  summary?: string;
  description?: string;
  value?: Json;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: JsonObject;
}

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: Array<ParameterObject | { $ref: string }>;
  requestBody?: JsonObject;
  responses?: JsonObject;
  'x-codeSamples'?: CodeSample[];
  [key: string]: unknown;
}

export interface TagObject {
  name: string;
  description?: string;
  'x-traitTag'?: boolean;
  'x-displayName'?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers?: Array<{ url: string; variables?: Record<string, { default: string; enum?: string[] }> }>;
  tags?: TagObject[];
  paths: Record<string, Record<string, OperationObject | unknown>>;
  components?: Record<string, Record<string, unknown>>;
  'x-tagGroups'?: Array<{ name: string; tags: string[] }>;
  [key: string]: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
