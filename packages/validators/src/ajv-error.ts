/** The part of an Ajv error object the validators read (Ajv runs with `messages: false`). */
export interface AjvErrorObject {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  /** Which error literal of the generated code raised it (numbered by generate.mjs); fixes schemaPath. */
  siteId?: number;
}
