// A map as a standalone SVG: the pixels (an embedded PNG at data resolution, drawn without
// smoothing), column and row axes in element indices, the title, and the colour legend with its
// ticks, the way the app shows it.
import { scaleLinear } from 'd3';

export interface LegendSpec {
  /** Colours from the bottom of the bar (domain minimum) to the top. */
  readonly colors: readonly string[];
  /** Tick positions as a fraction of the bar from the bottom, with their labels. */
  readonly ticks: readonly { readonly at: number; readonly label: string }[];
}

export interface MapSvgInput {
  readonly title: string;
  /** Elements per row and rows. */
  readonly width: number;
  readonly height: number;
  /** The map's pixels as a data: URI of a PNG with one pixel per element. */
  readonly pngDataUri: string;
  readonly legend: LegendSpec;
}

/** The plot's longer side, in SVG units. */
const PLOT = 480;
const MARGIN = { top: 34, left: 46, bottom: 36, right: 86 };
const BAR = 12;
const FAMILY = 'font-family="DejaVu Sans, Arial, sans-serif"';
/** Axis and legend labels; the title sets its own size (an attribute given twice is not XML). */
const FONT = `${FAMILY} font-size="11"`;

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Integer element indices for an axis of n elements, at the centre of their pixels. */
function axisTicks(n: number, length: number): { at: number; label: string }[] {
  const scale = scaleLinear().domain([0, n]).range([0, length]);
  return scale
    .ticks(Math.min(8, n))
    .filter((v) => Number.isInteger(v) && v < n)
    .map((v) => ({ at: scale(v + 0.5), label: String(v) }));
}

export function mapSvg(input: MapSvgInput): string {
  const { width, height, legend } = input;
  const unit = PLOT / Math.max(width, height);
  const plotW = width * unit;
  const plotH = height * unit;
  const totalW = MARGIN.left + plotW + MARGIN.right;
  const totalH = MARGIN.top + plotH + MARGIN.bottom;
  const x0 = MARGIN.left;
  const y0 = MARGIN.top;
  const barX = x0 + plotW + 18;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${totalW}" height="${totalH}" viewBox="0 0 ${totalW} ${totalH}">`);
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  parts.push(`<text x="${x0}" y="20" ${FAMILY} font-size="14" font-weight="bold" fill="#111">${escape(input.title)}</text>`);
  parts.push(
    `<image x="${x0}" y="${y0}" width="${plotW}" height="${plotH}" preserveAspectRatio="none" style="image-rendering:pixelated" image-rendering="optimizeSpeed" href="${input.pngDataUri}"/>`,
  );
  parts.push(`<rect x="${x0}" y="${y0}" width="${plotW}" height="${plotH}" fill="none" stroke="#444" stroke-width="0.5"/>`);
  parts.push(`<g ${FONT} fill="#222">`);
  for (const tick of axisTicks(width, plotW)) {
    parts.push(`<line x1="${x0 + tick.at}" x2="${x0 + tick.at}" y1="${y0 + plotH}" y2="${y0 + plotH + 4}" stroke="#444"/>`);
    parts.push(`<text x="${x0 + tick.at}" y="${y0 + plotH + 15}" text-anchor="middle">${tick.label}</text>`);
  }
  for (const tick of axisTicks(height, plotH)) {
    parts.push(`<line x1="${x0 - 4}" x2="${x0}" y1="${y0 + tick.at}" y2="${y0 + tick.at}" stroke="#444"/>`);
    parts.push(`<text x="${x0 - 6}" y="${y0 + tick.at + 4}" text-anchor="end">${tick.label}</text>`);
  }
  parts.push(`<text x="${x0 + plotW / 2}" y="${totalH - 4}" text-anchor="middle">column</text>`);
  parts.push(`<text transform="translate(12 ${y0 + plotH / 2}) rotate(-90)" text-anchor="middle">row</text>`);
  parts.push('</g>');
  parts.push('<defs><linearGradient id="legend" x1="0" y1="1" x2="0" y2="0">');
  const last = Math.max(1, legend.colors.length - 1);
  legend.colors.forEach((color, i) => parts.push(`<stop offset="${i / last}" stop-color="${escape(color)}"/>`));
  parts.push('</linearGradient></defs>');
  parts.push(`<rect x="${barX}" y="${y0}" width="${BAR}" height="${plotH}" fill="url(#legend)" stroke="#444" stroke-width="0.5"/>`);
  parts.push(`<g ${FONT} fill="#222">`);
  for (const tick of legend.ticks) {
    const y = y0 + plotH * (1 - tick.at);
    parts.push(`<line x1="${barX + BAR}" x2="${barX + BAR + 4}" y1="${y}" y2="${y}" stroke="#444"/>`);
    parts.push(`<text x="${barX + BAR + 6}" y="${y + 4}">${escape(tick.label)}</text>`);
  }
  parts.push('</g></svg>');
  return parts.join('\n') + '\n';
}
