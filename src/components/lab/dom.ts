/**
 * A tiny element builder for the lab's widgets. Text only ever goes in as text nodes (textContent),
 * never as HTML: file contents, log lines and command output are whatever the learner typed.
 */

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
