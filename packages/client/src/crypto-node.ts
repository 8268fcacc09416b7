import { createHash, createHmac } from 'node:crypto';
import type { CryptoProvider } from './crypto-provider.js';

export const nodeCrypto: CryptoProvider = {
  sync: true,
  sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
  hmacSha256Hex: (key, message) => createHmac('sha256', key).update(message).digest('hex'),
};
