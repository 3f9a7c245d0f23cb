/**
 * DOM helpers for the web app. Document text is hostile input: these helpers only ever create
 * text nodes (`createTextNode`) for strings, never parse HTML, and only allow in-app (`#…`) or
 * http(s) links.
 */

/** A child: a node, a string (becomes a text node), or nothing. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes of `el`: `class`, `href`, `title`, `data-*`, aria and form attributes; `on` handlers. */
export interface Attrs {
  on?: Record<string, (e: Event) => void>;
  [name: string]: string | number | boolean | undefined | null | Record<string, (e: Event) => void>;
}

/** True for an href the app may set: an in-app hash route or an absolute http(s) URL. */
export function isSafeHref(href: string): boolean {
  return href.startsWith('#') || /^https?:\/\//i.test(href);
}

/** Creates an element with attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'on') {
        for (const [ev, fn] of Object.entries(v as Record<string, (e: Event) => void>)) node.addEventListener(ev, fn);
        continue;
      }
      if (v === undefined || v === null || v === false || typeof v === 'object') continue;
      if (k.toLowerCase().startsWith('on')) throw new Error(`el: event attribute ${k} not allowed`);
      if ((k === 'href' || k === 'src') && !isSafeHref(String(v))) continue;
      node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(node, ...children);
  return node;
}

/** Appends children to a node; strings become text nodes. */
export function append(node: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Removes every child of a node. */
export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** A short error box. */
export function errorBox(message: string): HTMLElement {
  return el('div', { class: 'error' }, message);
}
