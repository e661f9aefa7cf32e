/**
 * Which Accept-Encoding headers get a gzipped reply (RFC 9110 §12.5.3): gzip named or `*`, with no
 * q or a q above 0. And a reply kept between requests is gzipped once.
 */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, RawJson } from '../../src/server/router.js';

describe('acceptsGzip', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br, zstd', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['GZIP', true],
    ['*', true],
    ['deflate, *;q=0.5', true],
    ['*;q=1, gzip;q=0', false],
    ['*;q=0', false],
    ['gzip;q=0', false],
    ['gzip; q=0.000', false],
    ['identity', false],
    ['br, deflate', false],
    ['', false],
  ] as const)('%j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it('is false without the header', () => {
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe('RawJson.gzipped', () => {
  it('leaves a small reply as it is, and gzips a larger one once: the same bytes on every call, gunzipping to the text', () => {
    expect(new RawJson('{"items":[]}').gzipped()).toBeUndefined();
    const text = JSON.stringify({ items: Array.from({ length: 100 }, (_, i) => ({ id: i, total: '1234.56' })) });
    const reply = new RawJson(new TextEncoder().encode(text));
    const first = reply.gzipped();
    expect(first).toBeDefined();
    expect(reply.gzipped()).toBe(first);
    expect(gunzipSync(first ?? new Uint8Array()).toString('utf8')).toBe(text);
  });
});
