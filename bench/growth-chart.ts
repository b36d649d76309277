import type { GrowthPanel } from './growth.ts';

/**
 * Renders growth panels as one standalone SVG, side by side, both axes logarithmic (sizes span
 * 225 to 50,000 and latencies three decades, so a linear axis would flatten everything but the
 * last point). Plain SVG text keeps the chart diffable and viewable on GitHub without a plotting
 * dependency.
 */

const PANEL_WIDTH = 420;
const PANEL_HEIGHT = 300;
const MARGIN = { top: 36, right: 16, bottom: 44, left: 56 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

interface Scale {
  toPixel(value: number): number;
  decades: number[];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function logScale(min: number, max: number, fromPixel: number, toPixel: number): Scale {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
  const decades: number[] = [];
  for (let d = lo; d <= hi; d++) decades.push(10 ** d);
  return {
    toPixel: (value) => fromPixel + ((Math.log10(value) - lo) / (hi - lo)) * (toPixel - fromPixel),
    decades,
  };
}

function tickLabel(value: number): string {
  if (value >= 1000) return `${value / 1000}k`;
  return String(value);
}

function renderPanel(panel: GrowthPanel, offsetX: number): string {
  const points = panel.series.flatMap((s) => s.points).filter((p) => p.x > 0 && p.y > 0);
  if (points.length === 0) return '';
  const left = offsetX + MARGIN.left;
  const right = offsetX + PANEL_WIDTH - MARGIN.right;
  const top = MARGIN.top;
  const bottom = PANEL_HEIGHT - MARGIN.bottom;
  const xs = logScale(Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x)), left, right);
  const ys = logScale(Math.min(...points.map((p) => p.y)), Math.max(...points.map((p) => p.y)), bottom, top);
  const parts: string[] = [];
  parts.push(`<text x="${offsetX + PANEL_WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">${escapeXml(panel.title)}</text>`);
  for (const tick of xs.decades) {
    const x = xs.toPixel(tick).toFixed(1);
    parts.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${bottom}" stroke="#ddd"/>`);
    parts.push(`<text x="${x}" y="${bottom + 16}" text-anchor="middle">${tickLabel(tick)}</text>`);
  }
  for (const tick of ys.decades) {
    const y = ys.toPixel(tick).toFixed(1);
    parts.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${tickLabel(tick)}</text>`);
  }
  parts.push(`<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#888"/>`);
  parts.push(`<text x="${(left + right) / 2}" y="${PANEL_HEIGHT - 8}" text-anchor="middle">${escapeXml(panel.xLabel)} (log)</text>`);
  parts.push(
    `<text x="${offsetX + 14}" y="${(top + bottom) / 2}" text-anchor="middle" transform="rotate(-90 ${offsetX + 14} ${(top + bottom) / 2})">${escapeXml(panel.yLabel)} (log)</text>`,
  );
  panel.series.forEach((series, index) => {
    const colour = COLOURS[index % COLOURS.length]!;
    const coords = series.points.filter((p) => p.x > 0 && p.y > 0).map((p) => `${xs.toPixel(p.x).toFixed(1)},${ys.toPixel(p.y).toFixed(1)}`);
    parts.push(`<polyline points="${coords.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const c of coords) {
      const [cx, cy] = c.split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${colour}"/>`);
    }
    const legendY = top + 14 + index * 16;
    parts.push(`<line x1="${left + 8}" y1="${legendY}" x2="${left + 26}" y2="${legendY}" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<text x="${left + 30}" y="${legendY}" dominant-baseline="middle">${escapeXml(series.label)}</text>`);
  });
  return parts.join('\n');
}

/** One SVG with a panel per growth curve; `caption` (the machine line) goes under the panels. */
export function renderGrowthChart(panels: GrowthPanel[], caption: string): string {
  const width = Math.max(1, panels.length) * PANEL_WIDTH;
  const height = PANEL_HEIGHT + 24;
  const body = panels.map((panel, i) => renderPanel(panel, i * PANEL_WIDTH)).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    body,
    `<text x="8" y="${height - 8}" fill="#555">${escapeXml(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
