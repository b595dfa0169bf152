/**
 * The handshake diagram: an SVG drawn here (no charting library) of one connection, client lane on the
 * left, server lane on the right, one arrow per row of handshake-rows.ts, then the outcome; and beside
 * it the same rows as an ordered list, the text alternative a screen reader reads (the SVG points to it
 * with aria-describedby). Every text goes in as a text node: SMTP lines are whatever the learner typed.
 */
import { assertNever } from '../../engine/util/assert-never.ts';
import type { ConnectionRecord } from '../../lesson-runtime/events.ts';
import { h } from '../lab/dom.ts';
import { describeRow, diagramOutcome, diagramRows, diagramTitle, TLS_NOT_AVAILABLE, type DiagramRow, type Side } from './handshake-rows.ts';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const LANE_X: Record<Side, number> = { client: 110, server: 530 };
const BOX_WIDTH = 200;
const LINE = 15;
/** Lines shown per arrow; the rest is summed up (the text alternative keeps them all). */
const MAX_LINES = 14;
const MAX_CHARS = 58;

type SvgAttrs = Readonly<Record<string, string | number>>;

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: SvgAttrs = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function clip(text: string, max: number = MAX_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function other(side: Side): Side {
  return side === 'client' ? 'server' : 'client';
}

let counter = 0;

/** Draws `rec` into `container` (replacing what was there); null shows `emptyText`. */
export function renderHandshake(container: HTMLElement, rec: ConnectionRecord | null, emptyText: string): void {
  if (rec === null) {
    container.replaceChildren(h('p', { class: 'picture__empty' }, emptyText));
    return;
  }
  counter += 1;
  const id = `hs${counter}`;
  const names = diagramTitle(rec);
  const rows = diagramRows(rec);
  const outcome = diagramOutcome(rec);

  const svg = s('svg', {
    viewBox: `0 0 ${WIDTH} 100`,
    class: 'hs',
    role: 'img',
    'aria-labelledby': `${id}-title`,
    'aria-describedby': `${id}-alt`,
  });
  svg.append(s('title', { id: `${id}-title` }, `Connection from ${names.client} to ${names.server}. ${outcome.text}.`));
  const defs = s('defs');
  for (const kind of ['smtp', 'tls', 'fail']) {
    const marker = s('marker', {
      id: `${id}-arrow-${kind}`,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerUnits: 'userSpaceOnUse',
      markerWidth: 10,
      markerHeight: 10,
      orient: 'auto-start-reverse',
    });
    marker.append(s('path', { d: 'M0,0 L10,5 L0,10 z', class: `hs-head hs-head--${kind}` }));
    defs.append(marker);
  }
  svg.append(defs);

  // Lane heads.
  for (const side of ['client', 'server'] as const) {
    const x = LANE_X[side];
    svg.append(s('rect', { x: x - BOX_WIDTH / 2, y: 6, width: BOX_WIDTH, height: 30, rx: 5, class: 'hs-box' }));
    svg.append(
      s('text', { x, y: 26, class: 'hs-name', 'text-anchor': 'middle' }, clip(side === 'client' ? names.client : names.server, 26)),
    );
  }

  let y = 56;
  const body = s('g');
  for (const row of rows) y = drawRow(body, row, y, id);
  svg.append(body);

  const outcomeY = y + 10;
  svg.append(s('rect', { x: 40, y: outcomeY, width: WIDTH - 80, height: 30, rx: 5, class: `hs-outcome hs-outcome--${outcome.kind}` }));
  svg.append(s('text', { x: WIDTH / 2, y: outcomeY + 20, 'text-anchor': 'middle', class: 'hs-outcome-text' }, clip(outcome.text)));
  const height = outcomeY + 40;
  for (const side of ['client', 'server'] as const) {
    svg.insertBefore(s('line', { x1: LANE_X[side], y1: 36, x2: LANE_X[side], y2: outcomeY, class: 'hs-lane' }), body);
  }
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);

  const alt = h('ol', { id: `${id}-alt`, class: 'hs-alt' });
  for (const row of rows) alt.append(h('li', {}, describeRow(row, names)));
  alt.append(h('li', {}, outcome.text));

  container.replaceChildren(
    h('p', { class: 'hs-caption' }, `${names.client} → ${names.server}: ${outcome.text}.`),
    h('div', { class: 'hs-scroll', tabindex: '0', role: 'group', 'aria-label': 'Handshake diagram' }, svg),
    h('details', { class: 'hs-details' }, h('summary', {}, 'The exchange as text, step by step'), alt),
  );
}

function drawRow(g: SVGGElement, row: DiagramRow, y: number, id: string): number {
  switch (row.kind) {
    case 'smtp': {
      const shown =
        row.lines.length > MAX_LINES
          ? [...row.lines.slice(0, MAX_LINES - 1), `… ${row.lines.length - MAX_LINES + 1} more lines`]
          : row.lines;
      const text = s('text', { x: WIDTH / 2, y: y + 11, 'text-anchor': 'middle', class: 'hs-smtp' });
      shown.forEach((line, i) => {
        const span = s('tspan', { x: WIDTH / 2, dy: i === 0 ? 0 : LINE }, clip(line));
        if (/^STARTTLS$/i.test(line) || /^220 2\.0\.0 /.test(line)) span.setAttribute('class', 'hs-starttls');
        if (TLS_NOT_AVAILABLE.test(line)) span.setAttribute('class', 'hs-failure');
        text.append(span);
      });
      g.append(text);
      const arrowY = y + shown.length * LINE + 4;
      g.append(arrow(row.from, arrowY, 'smtp', id));
      return arrowY + 14;
    }
    case 'tls': {
      const label = `${row.failed ? '✗ ' : ''}TLS ${row.flight}`;
      g.append(s('text', { x: WIDTH / 2, y: y + 11, 'text-anchor': 'middle', class: row.failed ? 'hs-tls hs-failure' : 'hs-tls' }, label));
      let next = y + LINE;
      if (row.detail !== null) {
        g.append(s('text', { x: WIDTH / 2, y: next + 11, 'text-anchor': 'middle', class: 'hs-detail' }, clip(row.detail)));
        next += LINE;
      }
      const arrowY = next + 4;
      g.append(arrow(row.from, arrowY, row.failed ? 'fail' : 'tls', id));
      return arrowY + 14;
    }
    case 'note':
      g.append(s('text', { x: WIDTH / 2, y: y + 12, 'text-anchor': 'middle', class: 'hs-note' }, clip(row.text)));
      return y + 24;
    default:
      return assertNever(row);
  }
}

function arrow(from: Side, y: number, kind: 'smtp' | 'tls' | 'fail', id: string): SVGLineElement {
  const x1 = LANE_X[from] + (from === 'client' ? 4 : -4);
  const x2 = LANE_X[other(from)] + (from === 'client' ? -4 : 4);
  return s('line', { x1, y1: y, x2, y2: y, class: `hs-arrow hs-arrow--${kind}`, 'marker-end': `url(#${id}-arrow-${kind})` });
}
