import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { TabsNav } from './tabs-nav';

// Rendered to static HTML: the nav is plain links, so its accessibility contract is visible in the markup.
const html = renderToStaticMarkup(
  createElement(TabsNav, {
    label: 'Sections',
    items: [
      { href: '/a', label: 'Alpha', current: false },
      { href: '/b', label: 'Beta', current: true },
      { href: '/c', label: 'Gamma', current: false },
    ],
  }),
);

describe('TabsNav', () => {
  it('is a labelled navigation landmark of plain links, in order', () => {
    expect(html).toMatch(/^<nav aria-label="Sections"/);
    expect([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(['/a', '/b', '/c']);
    // Links are reachable with Tab by default; nothing may take them out of the tab order.
    expect(html).not.toContain('tabindex');
  });

  it('marks exactly the current tab with aria-current="page"', () => {
    expect(html.match(/aria-current="page"/g)).toHaveLength(1);
    expect(html).toMatch(/<a aria-current="page"[^>]*href="\/b"/);
  });
});
