import type { ActorGraph } from './query-graph.ts';

/** Escapes text for XML attributes and content. */
function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The actor graph as GEXF 1.3 (Gephi): nodes with type, edges with relation type, time span and evidence count. */
export function toGexf(graph: ActorGraph): string {
  const nodes = graph.nodes.map((n) => `      <node id="${xml(n.id)}" label="${xml(n.name)}"><attvalues><attvalue for="type" value="${xml(n.type)}"/></attvalues></node>`);
  const edges = graph.edges.map((e) => {
    const span = e.interval ? ` start="${e.interval.earliest}" end="${e.interval.latest}"` : '';
    return `      <edge id="${xml(e.id)}" source="${xml(e.from)}" target="${xml(e.to)}" label="${xml(e.type)}" weight="${e.evidence.length}"${span}><attvalues><attvalue for="relation" value="${xml(e.type)}"/></attvalues></edge>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    '  <graph mode="static" defaultedgetype="directed" timeformat="date">',
    '    <attributes class="node"><attribute id="type" title="type" type="string"/></attributes>',
    '    <attributes class="edge"><attribute id="relation" title="relation" type="string"/></attributes>',
    '    <nodes>',
    ...nodes,
    '    </nodes>',
    '    <edges>',
    ...edges,
    '    </edges>',
    '  </graph>',
    '</gexf>',
    '',
  ].join('\n');
}

/** The actor graph as GraphML: node name and type, edge relation type, start, end and evidence count. */
export function toGraphml(graph: ActorGraph): string {
  const nodes = graph.nodes.map((n) => `    <node id="${xml(n.id)}"><data key="name">${xml(n.name)}</data><data key="type">${xml(n.type)}</data></node>`);
  const edges = graph.edges.map(
    (e) =>
      `    <edge id="${xml(e.id)}" source="${xml(e.from)}" target="${xml(e.to)}"><data key="relation">${xml(e.type)}</data>${
        e.interval ? `<data key="start">${e.interval.earliest}</data><data key="end">${e.interval.latest}</data>` : ''
      }<data key="evidence">${e.evidence.length}</data></edge>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
    '  <key id="start" for="edge" attr.name="start" attr.type="string"/>',
    '  <key id="end" for="edge" attr.name="end" attr.type="string"/>',
    '  <key id="evidence" for="edge" attr.name="evidence" attr.type="int"/>',
    '  <graph id="actors" edgedefault="directed">',
    ...nodes,
    ...edges,
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}
