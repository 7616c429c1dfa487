import { describe, expect, it } from 'vitest';
import { createPageGuard } from '../../../../src/main/window/page-guard';

const O = 'http://localhost:47321';
const CONTENT = `${O}/`;
const STATUS = `${O}/status.html?code=network&retryAt=1700000000000&since=1699999000000`;

/** Main loads a URL, or window 1 (or another, by id) commits one. */
type Step = ['load' | 'commit', string] | ['commit', string, number];

// [case, what main loads and what the window commits, in order, and the guard's answer to each commit]
const TABLE: [string, Step[], boolean[]][] = [
  ['nothing loaded yet (a new window\'s blank page)', [['commit', 'about:blank']], [true]],
  ['a new window\'s first blank page, then main\'s URL in it', [['load', CONTENT], ['commit', CONTENT], ['commit', 'about:blank', 2], ['commit', CONTENT, 2]], [true, true, true]],
  ['a new window: anything else first is not main\'s', [['load', CONTENT], ['commit', CONTENT], ['commit', `${O}/status.html?detail=HACKED`, 2]], [true, false]],
  ['the content main loaded', [['load', CONTENT], ['commit', CONTENT]], [true]],
  ['main\'s status page', [['load', STATUS], ['commit', STATUS]], [true]],
  ['the same page again (main reloads it, a new window shows it)', [['load', CONTENT], ['commit', CONTENT], ['commit', CONTENT]], [true, true]],
  ['written differently, the same URL', [['load', 'http://LOCALHOST:47321'], ['commit', CONTENT]], [true]],
  ['content loaded, the page goes to a status page of its own', [['load', CONTENT], ['commit', CONTENT], ['commit', `${O}/status.html?code=network&it=1&detail=HACKED`]], [true, false]],
  ['main\'s status page, with text added', [['load', STATUS], ['commit', `${STATUS}&detail=HACKED`]], [false]],
  ['status showing, the page goes back to the content', [['load', CONTENT], ['commit', CONTENT], ['load', STATUS], ['commit', STATUS], ['commit', CONTENT]], [true, true, false]],
  ['another page of the origin', [['load', CONTENT], ['commit', `${O}/index.html`]], [false]],
  ['a fragment added (a new document)', [['load', CONTENT], ['commit', `${CONTENT}#x`]], [false]],
  ['a blank page after the content', [['load', CONTENT], ['commit', CONTENT], ['commit', 'about:blank']], [true, false]],
  ['the browser\'s error page', [['load', CONTENT], ['commit', 'chrome-error://chromewebdata/']], [false]],
  ['another origin', [['load', CONTENT], ['commit', 'https://evil.example/']], [false]],
  // Main's own loads can overtake each other: the older may still commit first, then the newer.
  ['two loads of main\'s, both commit in order', [['load', CONTENT], ['load', STATUS], ['commit', CONTENT], ['commit', STATUS]], [true, true]],
  ['two loads of main\'s, only the newer commits', [['load', CONTENT], ['load', STATUS], ['commit', STATUS]], [true]],
  ['once the newer committed, the older is no longer main\'s', [['load', CONTENT], ['load', STATUS], ['commit', STATUS], ['commit', CONTENT]], [true, false]],
];

describe('the page guard: a window shows only what main loaded into it', () => {
  it.each(TABLE)('%s', (_name, steps, answers) => {
    const g = createPageGuard();
    const got: boolean[] = [];
    for (const [what, url, window = 1] of steps) {
      if (what === 'load') g.loading(url);
      else got.push(g.committed(window, url));
    }
    expect(got).toEqual(answers);
  });

  it('remembers a bounded number of loads that never committed', () => {
    const g = createPageGuard();
    for (let i = 0; i < 100; i++) g.loading(`${O}/status.html?code=network&retryAt=${i}`);
    expect(g.committed(1, `${O}/status.html?code=network&retryAt=0`)).toBe(false); // long overtaken
    expect(g.committed(1, `${O}/status.html?code=network&retryAt=99`)).toBe(true);
  });
});
