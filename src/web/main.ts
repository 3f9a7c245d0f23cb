/**
 * Entry of the web app: a hash router over the views. Each view renders into `#app` and may return
 * a cleanup function; when it has drawn, `body[data-ready]` names it (browser tests and the bench wait on that).
 */
import './styles.css';
import { clear, errorBox } from './dom.ts';
import { link, parseRoute, type Route } from './route.ts';
import { renderReader } from './views/reader.ts';
import { renderTimeline } from './views/timeline.ts';
import { renderGraph } from './views/graph.ts';
import { renderConflicts } from './views/conflicts.ts';
import { renderSources, renderProfile, renderCompare } from './views/sources.ts';
import { renderSearch } from './views/search.ts';
import { renderEntity } from './views/entity.ts';

/** A view: draws the route into the root; may return a cleanup. */
export type View = (root: HTMLElement, route: Route) => Promise<void | (() => void)>;

const VIEWS: Record<string, View> = {
  sources: renderSources,
  source: renderProfile,
  compare: renderCompare,
  reader: renderReader,
  timeline: renderTimeline,
  graph: renderGraph,
  conflicts: renderConflicts,
  search: renderSearch,
  entity: renderEntity,
};

const root = document.getElementById('app')!;
let cleanup: void | (() => void);
let generation = 0;

/** Renders the view the current hash names. */
async function show(): Promise<void> {
  const gen = ++generation;
  const route = parseRoute(location.hash);
  document.body.removeAttribute('data-ready');
  // A hover card left open by the previous view must not float over the next one.
  const tooltip = document.getElementById('tooltip');
  if (tooltip) tooltip.hidden = true;
  if (cleanup) cleanup();
  cleanup = undefined;
  clear(root);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) a.classList.toggle('active', a.dataset.nav === route.view);
  const view = VIEWS[route.view];
  try {
    if (!view) throw new Error(`unknown view ${route.view}`);
    const c = await view(root, route);
    if (gen !== generation) {
      if (c) c();
      return;
    }
    cleanup = c;
  } catch (err) {
    if (gen !== generation) return;
    root.appendChild(errorBox(err instanceof Error ? err.message : String(err)));
  }
  document.body.dataset.ready = route.view;
}

const form = document.getElementById('search-form') as HTMLFormElement;
const input = document.getElementById('search-input') as HTMLInputElement;
form.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = input.value.trim();
  if (q) location.hash = link('search', undefined, { q });
});

window.addEventListener('hashchange', () => void show());
void show();
