import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brotliCompressFitted } from './compression';

const quality4 = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };

/** JSON like a list answer: repetitive keys, varied values, Chinese text. */
function listLikeJson(rows: number): Buffer {
  const items = Array.from({ length: rows }, (_, i) => ({
    id: i * 7919,
    licenceNo: `4110021${String(i * 104_729).padStart(5, '0')}`,
    shopName: `东升便利店${i % 97}号`,
    address: `河南省许昌市魏都区建国路${(i * 31) % 500}号`,
    tier: (i % 30) + 1,
    status: i % 11 === 0 ? 'suspended' : 'active',
  }));
  return Buffer.from(JSON.stringify({ items, total: rows * 3, page: 1, pageSize: rows }));
}

describe('brotliCompressFitted', () => {
  it.each([0, 1, 20, 200, 5000])(
    'gives back the same bytes and compresses as well as the 4 MB window (%i rows)',
    (rows) => {
      const payload = listLikeJson(rows);
      const fitted = brotliCompressFitted(payload, quality4);
      expect(zlib.brotliDecompressSync(fitted).equals(payload)).toBe(true);
      const standard = zlib.brotliCompressSync(payload, quality4);
      expect(fitted.length).toBeLessThanOrEqual(Math.ceil(standard.length * 1.01) + 2);
    },
  );
});
