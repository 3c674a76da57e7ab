import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';

/** Compressed responses: static assets and JSON answers when the client accepts it; downloads still work. */

let t: TestApp;
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'observatory-compress-'));
const script = `/* test bundle */\n${'export const answer = 42;\n'.repeat(200)}`;

beforeAll(async () => {
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(
    path.join(webDist, 'index.html'),
    `<!doctype html><title>Observatory</title>${' '.repeat(2000)}`,
  );
  fs.writeFileSync(path.join(webDist, 'assets', 'app.js'), script);
  t = await createTestApp({ OBSERVATORY_WEB_DIST: webDist });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe('compression', () => {
  it('serves /assets/*.js with gzip or brotli when accepted, and plain otherwise', async () => {
    const gz = await t.app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const br = await t.app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const plain = await t.app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);

    const html = await t.app.inject({ url: '/imports', headers: { 'accept-encoding': 'gzip' } });
    expect(html.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(html.rawPayload).toString()).toContain('<title>Observatory</title>');
  });

  it('compresses JSON answers of the API', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    const doc = JSON.parse(gunzipSync(res.rawPayload).toString()) as { paths: Record<string, unknown> };
    expect(doc.paths['/api/v1/imports/preview']).toBeDefined();
  });

  it('keeps a streamed CSV export whole under gzip', async () => {
    const url = '/api/v1/observations?indicator=SZR_QTY&format=csv';
    const plain = await t.app.inject({ url });
    expect(plain.statusCode, plain.body).toBe(200);
    const gz = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-type']).toBe(plain.headers['content-type']);
    expect(gz.headers['content-disposition']).toBe(plain.headers['content-disposition']);
    expect(gz.headers['content-encoding']).toBe('gzip');
    const body = gunzipSync(gz.rawPayload).toString();
    expect(body).toBe(plain.body);
    expect(body.split('\n')[0]).toContain('indicator');
  });
});
