/** One entry of a spec `x-error-catalog` (IMG or APIGW code). */
export interface CatalogEntry {
  /** HTTP statuses the code is answered with (the first is the usual one). */
  readonly statuses: readonly number[];
  readonly message: string;
  readonly zh?: string;
  readonly field?: string;
  readonly hint?: string;
}

/** One operation of the bundled spec, as the router needs it. */
export interface OperationEntry {
  readonly operationId: string;
  readonly method: string;
  /** Path template, e.g. `/v1/cloudimages/job/{job_id}`. */
  readonly path: string;
  readonly statuses: readonly string[];
  readonly deprecated: boolean;
}
