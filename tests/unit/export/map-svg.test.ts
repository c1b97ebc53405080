// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mapSvg } from '../../../src/export/map-svg';

describe('mapSvg', () => {
  const svg = mapSvg({
    title: 'dL/dX <analytic> & more',
    width: 20,
    height: 10,
    pngDataUri: 'data:image/png;base64,AAAA',
    legend: { colors: ['#000000', '#ffffff'], ticks: [{ at: 0, label: '-1' }, { at: 1, label: '1' }] },
  });

  it('embeds the pixels unsmoothed, with the title escaped', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('href="data:image/png;base64,AAAA"');
    expect(svg).toContain('image-rendering:pixelated');
    expect(svg).toContain('dL/dX &lt;analytic&gt; &amp; more');
  });

  it('has axes in element indices and the legend with its ticks', () => {
    expect(svg).toMatch(/>0<\/text>/);
    expect(svg).toMatch(/>18<\/text>/);
    expect(svg).not.toMatch(/>20<\/text>/);
    expect(svg).toContain('<stop offset="0" stop-color="#000000"/>');
    expect(svg).toContain('<stop offset="1" stop-color="#ffffff"/>');
    expect(svg).toMatch(/>-1<\/text>/);
  });

  it('is well-formed XML, so SVG viewers open it', () => {
    // jsdom's parser (this file runs in jsdom; the tests are typed without the DOM's types).
    interface XmlDocument {
      readonly documentElement: { readonly tagName: string };
      getElementsByTagName(name: string): ArrayLike<{ readonly textContent: string | null }>;
    }
    const { DOMParser } = globalThis as unknown as { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } };
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')[0]?.textContent).toBeUndefined();
    expect(doc.documentElement.tagName).toBe('svg');
  });

  it('keeps the aspect ratio of the map', () => {
    expect(svg).toMatch(/<image x="46" y="34" width="480" height="240"/);
  });
});
