/**
 * Graph: actors and typed relations (Cytoscape.js), filtered by a time-window slider and a source.
 * `#/graph?from=1900&to=1950&source=<id>&entity=<id>`. Clicking an actor opens its entity page.
 */
import cytoscape from 'cytoscape';
import { getJson, titleOf, type Page, type SourceRow } from '../api.ts';
import { el } from '../dom.ts';
import { link, type Route } from '../route.ts';

interface GraphResponse {
  nodes: Array<{ id: string; name: string; type: string; degree: number }>;
  edges: Array<{ id: string; type: string; from: string; to: string; interval: { earliest: string; latest: string } | null; derived: boolean }>;
  bounds: { earliest: string; latest: string } | null;
  truncated: boolean;
}

const TYPE_COLORS: Record<string, string> = { person: '#3b6ea8', organization: '#b5651d', place: '#4d8a4d', group: '#8a4d8a' };

/** Relation colours: hostile red, allied green, meetings blue, offices and membership grey-brown. */
const RELATION_COLORS: Record<string, string> = {
  'in-conflict-with': '#c8453c',
  'allied-with': '#3f9a5a',
  met: '#4a7fc1',
  aided: '#2aa198',
  'member-of': '#9a7b4f',
  appointed: '#7b5fb0',
  removed: '#a0507a',
};

/** How many of the most connected actors keep a readable name at any zoom. */
const NAMED_ACTORS = 12;

/**
 * The ids of the `k` most connected actors (ties by name), whose names the graph always shows at
 * a readable size; the others show theirs when zoomed in or pointed at.
 */
export function pickNamedActors(nodes: ReadonlyArray<{ id: string; name: string; degree: number }>, k = NAMED_ACTORS): Set<string> {
  return new Set([...nodes].sort((a, b) => b.degree - a.degree || a.name.localeCompare(b.name)).slice(0, k).map((n) => n.id));
}

/** Draws the graph view. */
export async function renderGraph(root: HTMLElement, route: Route): Promise<() => void> {
  const p = route.params;
  const filters = { from: p.get('from') ?? '', to: p.get('to') ?? '', source: p.get('source') ?? '', entity: p.get('entity') ?? '' };
  const [data, sources] = await Promise.all([getJson<GraphResponse>('graph', { ...filters, maxNodes: 150 }), getJson<Page<SourceRow>>('sources', { limit: 1000 })]);
  const lo = data.bounds ? Number(data.bounds.earliest.slice(0, 4)) : 1900;
  const hi = data.bounds ? Number(data.bounds.latest.slice(0, 4)) : 2000;
  const fromY = filters.from ? Number(filters.from.slice(0, 4)) : lo;
  const toY = filters.to ? Number(filters.to.slice(0, 4)) : hi;
  const go = (patch: Record<string, string>) => {
    location.hash = link('graph', undefined, { ...filters, ...patch });
  };
  const label = el('output', { id: 'window-label' }, `${fromY} – ${toY}`);
  const fromInput = el('input', { type: 'range', name: 'from', min: lo, max: hi, value: fromY, 'aria-label': 'window start year' });
  const toInput = el('input', { type: 'range', name: 'to', min: lo, max: hi, value: toY, 'aria-label': 'window end year' });
  const update = () => {
    const a = Math.min(Number(fromInput.value), Number(toInput.value));
    const b = Math.max(Number(fromInput.value), Number(toInput.value));
    label.textContent = `${a} – ${b}`;
    return [String(a), String(b)] as const;
  };
  for (const input of [fromInput, toInput]) {
    input.addEventListener('input', update);
    input.addEventListener('change', () => {
      const [a, b] = update();
      go({ from: a === String(lo) ? '' : a, to: b === String(hi) ? '' : b });
    });
  }
  const sourceSelect = el(
    'select',
    { name: 'source', on: { change: (e) => go({ source: (e.target as HTMLSelectElement).value }) } },
    el('option', { value: '' }, 'all sources'),
    ...sources.items.map((s) => el('option', { value: s.id, selected: s.id === filters.source }, titleOf(s))),
  );
  const box = el('div', { class: 'graph-box', id: 'graph' });
  const derived = data.edges.some((e) => e.derived);
  root.appendChild(
    el(
      'div',
      { class: 'graph-view' },
      el('h1', null, 'Actor graph'),
      el('div', { class: 'filters' }, el('label', null, 'Window ', fromInput, toInput, ' ', label), el('label', null, 'Source ', sourceSelect), filters.entity ? el('span', null, `around ${filters.entity} · `, el('a', { href: link('graph', undefined, { ...filters, entity: '' }) }, 'everyone')) : null),
      el('div', { class: 'muted', id: 'graph-summary' }, `${data.nodes.length} actors · ${data.edges.length} relations`, data.truncated ? ' (most connected actors only)' : '', derived ? ' · edges from shared events (no relations stored yet)' : '', ' · point at an actor to see its relations, click it for its page'),
      el(
        'div',
        { class: 'graph-legend' },
        ...Object.entries(TYPE_COLORS).map(([t, c]) => el('span', { class: 'legend-node', style: `--c:${c}` }, t)),
        ...[...new Set(data.edges.map((e) => e.type))].sort().map((t) => el('span', { class: 'legend-edge', style: `--c:${RELATION_COLORS[t] ?? '#8a94a6'}` }, t)),
      ),
      box,
    ),
  );
  const named = pickNamedActors(data.nodes);
  box.dataset.named = String(named.size);
  const cy = cytoscape({
    container: box,
    elements: [
      ...data.nodes.map((n) => ({ data: { id: n.id, label: n.name, type: n.type, size: 14 + Math.min(30, Math.sqrt(n.degree) * 6) }, classes: named.has(n.id) ? 'named' : '' })),
      ...data.edges.map((e) => ({ data: { id: e.id, source: e.from, target: e.to, label: e.type } })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          width: 'data(size)',
          height: 'data(size)',
          'background-color': (n: cytoscape.NodeSingular) => TYPE_COLORS[n.data('type') as string] ?? '#8a94a6',
          'font-size': 11,
          color: '#1d232b',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'wrap',
          'text-max-width': '110px',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.8,
          'text-background-padding': '1px',
          'min-zoomed-font-size': 7,
        },
      },
      // Relation names only where they can be read: on the edges of the actor pointed at or selected.
      { selector: 'edge', style: { label: '', 'font-size': 10, width: 1.6, 'line-color': (e: cytoscape.EdgeSingular) => RELATION_COLORS[e.data('label') as string] ?? '#8a94a6', 'target-arrow-shape': 'triangle', 'target-arrow-color': (e: cytoscape.EdgeSingular) => RELATION_COLORS[e.data('label') as string] ?? '#8a94a6', 'arrow-scale': 0.8, 'curve-style': 'bezier', opacity: 0.75, color: '#1d232b', 'text-background-color': '#ffffff', 'text-background-opacity': 0.9, 'text-rotation': 'autorotate' } },
      { selector: 'edge.near', style: { label: 'data(label)', width: 2.6, opacity: 1, 'z-index': 10 } },
      { selector: 'node.faded, edge.faded', style: { opacity: 0.15 } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#d33' } },
      // the most connected actors' names stay about 12 px on screen, however far the view is zoomed out
      { selector: 'node.named', style: { 'font-weight': 'bold', 'min-zoomed-font-size': 0 } },
      { selector: 'node.near-label', style: { 'min-zoomed-font-size': 0, 'z-index': 20 } },
    ],
    layout:
      data.nodes.length <= 150
        ? { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 40000, idealEdgeLength: () => 110, nodeOverlap: 30, componentSpacing: 90, padding: 30, gravity: 0.6, numIter: 1500 }
        : { name: 'concentric', animate: false, concentric: (n: cytoscape.NodeSingular) => n.degree(false), levelWidth: () => 3 },
    wheelSensitivity: 0.3,
    maxZoom: 2.5,
  } as cytoscape.CytoscapeOptions);
  // Pointing at an actor lights its relations (with their names) and fades the rest.
  const light = (node: cytoscape.NodeSingular | null) => {
    cy.batch(() => {
      cy.elements().removeClass('near faded near-label');
      if (!node) return;
      const hood = node.closedNeighborhood();
      cy.elements().not(hood).addClass('faded');
      node.connectedEdges().addClass('near');
      hood.nodes().addClass('near-label');
    });
  };
  // the named actors' labels (and those of the actor pointed at) keep about 12 px on screen at any zoom
  const scaleLabels = () => {
    const size = Math.max(11, 12 / cy.zoom());
    cy.style().selector('node.named, node.near-label').style({ 'font-size': size, 'text-max-width': `${Math.round(size * 11)}px` }).update();
  };
  scaleLabels();
  cy.on('zoom', scaleLabels);
  cy.on('mouseover', 'node', (e) => light(e.target as cytoscape.NodeSingular));
  cy.on('mouseout', 'node', () => light(null));
  if (filters.entity && cy.getElementById(filters.entity).nonempty()) light(cy.getElementById(filters.entity));
  cy.on('tap', 'node', (e) => {
    location.hash = link('entity', e.target.id() as string);
  });
  return () => cy.destroy();
}
