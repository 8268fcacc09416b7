import { randomBytes, randomUUID } from 'node:crypto';

// Request ids: a random per-process prefix plus a counter. Unique, 32 hex like the gateway's, and far
// cheaper than 16 random bytes per request on the hot path.
const prefix = randomBytes(8).toString('hex');
let counter = 0;

export function newRequestId(): string {
  counter = (counter + 1) % 0x1_0000_0000_0000;
  return prefix + counter.toString(16).padStart(16, '0');
}

/** A job id shaped like IMS's (32 lower-case hex). */
export function newJobId(): string {
  return randomUUID().replace(/-/g, '');
}

/** An image id shaped like IMS's (a UUID). */
export function newImageId(): string {
  return randomUUID();
}
