import { describe, expect, it } from 'vitest';
import { contentTypeFor, isHtmlType, OCTET_STREAM } from '../../../../src/main/origin/content-types';

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['main.js', 'text/javascript; charset=utf-8'],
    ['chunk.MJS', 'text/javascript; charset=utf-8'],
    ['styles.css', 'text/css; charset=utf-8'],
    ['data.json', 'application/json; charset=utf-8'],
    ['main.js.map', 'application/json; charset=utf-8'],
    ['logo.svg', 'image/svg+xml; charset=utf-8'],
    ['logo.png', 'image/png'],
    ['favicon.ico', 'image/x-icon'],
    ['font.woff2', 'font/woff2'],
  ])('%s -> %s', (file, type) => {
    expect(contentTypeFor(`/r/${file}`)).toBe(type);
  });

  it('unknown or missing extensions are served as octet-stream, never as something a browser runs', () => {
    expect(contentTypeFor('/r/payload.exe')).toBe(OCTET_STREAM);
    expect(contentTypeFor('/r/README')).toBe(OCTET_STREAM);
    expect(contentTypeFor('/r/page.htm')).toBe(OCTET_STREAM);
  });

  it('isHtmlType recognises the html type with its charset', () => {
    expect(isHtmlType(contentTypeFor('a.html'))).toBe(true);
    expect(isHtmlType(contentTypeFor('a.js'))).toBe(false);
  });
});
