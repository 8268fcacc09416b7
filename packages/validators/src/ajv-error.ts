/** The part of an Ajv error object the validators read (Ajv runs with `messages: false`). */
export interface AjvErrorObject {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}
