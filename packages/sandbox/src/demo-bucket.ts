// The demo's OBS bucket: a small generated RAW image (an empty MBR disk) and its `.mf` bitmap file.
import { writeBucketImage } from './bucket-image.js';

export const DEMO_BUCKET = 'demo-bucket';
export const DEMO_OBJECT = 'images/demo-disk.raw';

/** Writes `<bucketsDir>/demo-bucket/images/demo-disk.raw` (1 MiB) and `demo-disk.mf`; returns the image_url. */
export function createDemoBucket(bucketsDir: string): Promise<string> {
  return writeBucketImage(bucketsDir, { bucket: DEMO_BUCKET, object: DEMO_OBJECT });
}
