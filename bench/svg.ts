// The report as an SVG chart: for each benchmark a group of horizontal
// bars, one per system, on a logarithmic ns/op axis (the suite spans from a
// few ns to tens of µs), with a legend and the value at the end of each bar.

import { formatNs, shortName, type Report } from "./report.js";
import { SYSTEMS } from "./systems.js";

const WIDTH = 960;
const LEFT = 220;
const RIGHT = 80;
const TOP = 96;
const BAR = 13;
const BAR_GAP = 2;
const GROUP_GAP = 14;
const BOTTOM = 64;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function num(x: number): string {
  return String(Math.round(x * 10) / 10);
}

export function renderSvg(report: Report, subtitle = ""): string {
  const systems = SYSTEMS.filter(({ id }) => report.systems.some((s) => s.id === id && s.ran));
  const values = report.benchmarks.flatMap((b) => systems.map(({ id }) => report.nsPerOp[b]?.[id]))
    .filter((v): v is number => v !== undefined && v > 0);
  let lo = Math.floor(Math.log10(Math.min(...values, 1)));
  let hi = Math.ceil(Math.log10(Math.max(...values, 10)));
  if (hi <= lo) hi = lo + 1;
  lo = Math.min(lo, hi - 1);

  const plotW = WIDTH - LEFT - RIGHT;
  const x = (ns: number): number => LEFT + ((Math.log10(ns) - lo) / (hi - lo)) * plotW;
  const groupH = systems.length * (BAR + BAR_GAP) - BAR_GAP;
  const plotH = report.benchmarks.length * (groupH + GROUP_GAP);
  const height = TOP + plotH + BOTTOM;

  const parts: string[] = [];
  parts.push(`<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${WIDTH / 2}" y="28" text-anchor="middle" font-size="17" font-weight="bold">Go defer, panic and recover: ns/op per system</text>`);
  if (subtitle) parts.push(`<text x="${WIDTH / 2}" y="48" text-anchor="middle" font-size="12" fill="#555555">${esc(subtitle)}</text>`);

  // Legend, one row above the plot.
  let lx = LEFT;
  for (const s of systems) {
    parts.push(`<rect x="${lx}" y="62" width="12" height="12" fill="${s.color}"/>`);
    parts.push(`<text x="${lx + 17}" y="72" font-size="12">${esc(s.label)}</text>`);
    lx += 36 + s.label.length * 7.8;
  }

  // Decade grid lines with their labels, lighter lines at 2..9 of each decade.
  for (let d = lo; d <= hi; d++) {
    const gx = num(x(10 ** d));
    parts.push(`<line x1="${gx}" y1="${TOP - 6}" x2="${gx}" y2="${TOP + plotH}" stroke="#999999" stroke-width="1"/>`);
    parts.push(`<text x="${gx}" y="${TOP + plotH + 18}" text-anchor="middle" font-size="12">${formatNs(10 ** d).replace(/\.00|\.0/, "")}</text>`);
    if (d < hi) {
      for (let k = 2; k <= 9; k++) {
        const mx = num(x(k * 10 ** d));
        parts.push(`<line x1="${mx}" y1="${TOP - 6}" x2="${mx}" y2="${TOP + plotH}" stroke="#e4e4e4" stroke-width="1"/>`);
      }
    }
  }
  parts.push(`<text x="${LEFT + plotW / 2}" y="${TOP + plotH + 44}" text-anchor="middle" font-size="13">ns/op (log scale; shorter is faster)</text>`);
  parts.push(`<text transform="translate(18 ${TOP + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="13">benchmark</text>`);

  report.benchmarks.forEach((b, i) => {
    const gy = TOP + i * (groupH + GROUP_GAP);
    if (i % 2 === 1) parts.push(`<rect x="30" y="${gy - GROUP_GAP / 2}" width="${WIDTH - 30}" height="${groupH + GROUP_GAP}" fill="#000000" fill-opacity="0.035"/>`);
    parts.push(`<text x="${LEFT - 10}" y="${num(gy + groupH / 2 + 4)}" text-anchor="end" font-size="12">${esc(shortName(b))}</text>`);
    systems.forEach((s, j) => {
      const v = report.nsPerOp[b]?.[s.id];
      const by = gy + j * (BAR + BAR_GAP);
      if (v === undefined || v <= 0) {
        parts.push(`<text x="${LEFT + 4}" y="${by + BAR - 3}" font-size="10" fill="#888888">no result</text>`);
        return;
      }
      const w = Math.max(1, x(v) - LEFT);
      parts.push(`<rect x="${LEFT}" y="${by}" width="${num(w)}" height="${BAR}" fill="${s.color}"><title>${esc(`${s.label}: ${formatNs(v)}/op`)}</title></rect>`);
      parts.push(`<text x="${num(LEFT + w + 4)}" y="${by + BAR - 3}" font-size="10">${esc(formatNs(v))}</text>`);
    });
  });
  parts.push(`<line x1="${LEFT}" y1="${TOP - 6}" x2="${LEFT}" y2="${TOP + plotH}" stroke="#333333" stroke-width="1"/>`);

  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">`,
    ...parts.map((p) => `  ${p}`),
    `</svg>`,
    "",
  ].join("\n");
}
