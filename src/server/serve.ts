/**
 * Runs the API on a Node HTTP server. `close()` stops accepting connections, lets in-flight
 * requests finish (idle keep-alive connections are closed at once), then resolves; the caller
 * closes the database afterwards.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import type { Clock } from '../app/org-store.js';
import type { Db } from '../db/connect.js';
import { createApp } from './app.js';

/** How long `close()` waits for in-flight requests before cutting their connections. */
export const SHUTDOWN_GRACE_MS = 30_000;

export async function startServer(options: { store: Db; port: number; host?: string; clock?: Clock; logger?: Logger }): Promise<{ url: string; close(): Promise<void> }> {
  const logger = options.logger ?? pino();
  const app = createApp({ store: options.store, clock: options.clock ?? (() => new Date()), logger });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: host }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shown}:${address.port}`;
  logger.info({ url }, 'listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      force.unref();
      server.close((err) => {
        clearInterval(idle);
        clearTimeout(force);
        if (err) reject(err);
        else {
          logger.info({ url }, 'stopped');
          resolve();
        }
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { url, close };
}
