// What the browser benchmarks share: a static file server on 127.0.0.1
// (serves `root` under the path `base`; the lab is built with relative asset
// paths, so any sub-path works, as on a course website) and Chromium —
// Debian's /usr/bin/chromium when present, as playwright.config.ts does.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** `gzip`: compress text files for a client that accepts it, as a static host does (bench/page-bench.ts measures the page so). */
export function serveStatic(root: string, base = '/', options: { readonly gzip?: boolean } = {}): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!pathname.startsWith(base)) {
      res.writeHead(404);
      res.end();
      return;
    }
    const path = normalize(pathname.slice(base.length - 1)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) => {
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        if (options.gzip === true && /gzip/.test(String(req.headers['accept-encoding'])) && /^(text\/|application\/(json|manifest\+json)|image\/svg)/.test(type)) {
          res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
          res.end(gzipSync(body, { level: 9 }));
          return;
        }
        res.writeHead(200, { 'content-type': type });
        res.end(body);
      },
      () => { res.writeHead(404); res.end(); },
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}${base}` });
  }));
}

export const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium, or undefined (said on the console) when none can start: a bench then skips its browser part. */
export const CHROMIUM_PATH = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export async function launchChromium(): Promise<Browser | undefined> {
  const executablePath = CHROMIUM_PATH;
  try {
    return await chromium.launch({ ...(executablePath === undefined ? {} : { executablePath }), args: CHROMIUM_ARGS });
  } catch (error) {
    console.log(`skipped: no Chromium could be started (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return undefined;
  }
}
