/**
 * A tiny element builder for the lab's widgets. Text only ever goes in as text nodes (textContent),
 * never as HTML: file contents, log lines and command output are whatever the learner typed.
 */

import type { Markup } from './first-look.ts';

type Attrs = Readonly<Record<string, string | boolean | undefined>>;
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Replaces all children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.textContent = '';
  append(parent, children);
}

let counter = 0;

/** An id prefix unique in the page (several consoles may share one page). */
export function uniquePrefix(base: string): string {
  counter += 1;
  return `${base}${counter}`;
}

/** The nodes of a markup description (first-look.ts): attributes set one by one, texts as text nodes. */
export function markupDom(m: Markup): HTMLElement {
  const node = document.createElement(m.tag);
  for (const [name, value] of Object.entries(m.attrs)) node.setAttribute(name, value === true ? '' : value);
  for (const c of m.children) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : markupDom(c));
  return node;
}

/** The element marked `data-part="<name>"` inside `root`, of the given type (the lab's first look, first-look.ts). */
export function partOf<T extends HTMLElement>(root: ParentNode, name: string, type: new () => T): T {
  const node = root.querySelector(`[data-part="${name}"]`);
  if (!(node instanceof type)) throw new Error(`the lab has no ${name}`);
  return node;
}
