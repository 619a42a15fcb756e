import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { TabPlaceholder } from './tab-placeholder';

describe('TabPlaceholder', () => {
  const html = renderToStaticMarkup(createElement(TabPlaceholder, { tab: 'dr', planned: ['First thing', 'Second thing'] }));

  it('titles the page with the tab from the config and states that the view is not available', () => {
    expect(html).toMatch(/<h1[^>]*>Disaster Recovery<\/h1>/);
    expect(html).toContain('Disaster Recovery is not available yet');
    expect(html).toContain('Role: admin and above');
  });

  it('lists what the tab will contain', () => {
    expect([...html.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1])).toEqual(['First thing', 'Second thing']);
  });
});
