// Content-Type by file extension for the renderer's own files. The table is closed on purpose: anything else
// goes out as application/octet-stream, which (with nosniff) a browser will neither render nor execute.
import path from 'node:path';

const TEXT: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain',
};

const BINARY: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export const OCTET_STREAM = 'application/octet-stream';

/** The Content-Type header for a file path; text types carry `charset=utf-8`. */
export function contentTypeFor(filePath: string): string {
  const ext = path.extname(filePath).toLowerCase();
  const text = TEXT[ext];
  if (text !== undefined) return `${text}; charset=utf-8`;
  return BINARY[ext] ?? OCTET_STREAM;
}

export const isHtmlType = (contentType: string) => contentType.startsWith('text/html');
