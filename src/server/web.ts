/**
 * The web app's files (dist/web, built by Vite), served at `/`: a hashed asset under /assets/ with
 * a year's caching, any other path that is not the API the app's page (index.html), whose router
 * shows the page or says it does not exist. Files are read once at start and kept in memory with
 * their gzip, so serving one costs no disk access.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Context, Hono } from 'hono';
import { acceptsGzip, requestHeader, type Env } from './router.js';

/** Where `npm run build` puts the web app. */
export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The page's policy: its own scripts and styles only (style attributes allowed: the charts set
 * them), data from this server, no frames, no plugins, forms only here.
 */
export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': PAGE_CSP,
};

interface WebFile {
  readonly type: string;
  readonly body: Uint8Array<ArrayBuffer>;
  readonly gzip: Uint8Array<ArrayBuffer> | undefined;
  readonly etag: string;
  readonly immutable: boolean;
}

function load(root: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const path = `/${relative(root, full).split(sep).join('/')}`;
        const body = new Uint8Array(readFileSync(full));
        const type = TYPES[extname(name)] ?? 'application/octet-stream';
        const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && body.byteLength > 1024;
        const gzip = compressible ? new Uint8Array(gzipSync(body, { level: 9 })) : undefined;
        let hash = 0;
        for (const b of body) hash = (hash * 31 + b) | 0;
        files.set(path, { type, body, gzip, etag: `"${body.byteLength.toString(36)}-${(hash >>> 0).toString(36)}"`, immutable: path.startsWith('/assets/') });
      }
    }
  };
  walk(root);
  return files;
}

/** Mounts the web app on `app` (after the API routes). Without a build, `/` says how to make one. */
export function mountWeb(app: Hono<Env>, root: string = WEB_ROOT): void {
  const files = existsSync(join(root, 'index.html')) ? load(root) : undefined;
  const send = (c: Context<Env>, file: WebFile) => {
    c.set('replyHeadersUsed', true);
    const headers: Record<string, string> = {
      ...PAGE_HEADERS,
      'x-request-id': c.get('requestId'),
      'content-type': file.type,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag: file.etag,
      vary: 'accept-encoding',
    };
    if (requestHeader(c, 'if-none-match') === file.etag) return c.body(null, 304, headers);
    if (file.gzip !== undefined && acceptsGzip(requestHeader(c, 'accept-encoding'))) return c.body(file.gzip, 200, { ...headers, 'content-encoding': 'gzip' });
    return c.body(file.body, 200, headers);
  };
  app.get('*', (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/') || path === '/healthz' || path === '/readyz') return next();
    if (files === undefined) {
      c.set('replyHeadersUsed', true);
      return c.text('The web app is not built: run `npm run build`, then restart the server. The API is at /api/.', 503, { ...PAGE_HEADERS, 'x-request-id': c.get('requestId'), 'cache-control': 'no-store' });
    }
    const file = files.get(path);
    if (file !== undefined) return send(c, file);
    // A missing asset is a 404 (a stale page asking for an old chunk must not get HTML back).
    if (path.startsWith('/assets/') || extname(path) !== '') return next();
    const index = files.get('/index.html');
    return index === undefined ? next() : send(c, index);
  });
}
