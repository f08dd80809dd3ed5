/**
 * What a page's live heap is made of, from a V8 heap snapshot (CDP HeapProfiler): self sizes summed by
 * node type (code, strings, closures, arrays, system, DOM wrappers as `native`), by constructor, and the
 * code each script brought (its functions' SharedFunctionInfos with what they hold: bytecode, constant
 * pools, scope infos, preparse data; and the closures made from them). Pure: the snapshot comes in as
 * parsed JSON (`heapSnapshot.test.ts` checks the sums on a hand-made one).
 */

export interface HeapSnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface ScriptCode {
  script: string;
  functions: number;
  /** SharedFunctionInfos and what only they hold (bytecode, constant pools, scope infos, preparse data). */
  codeBytes: number;
  closures: number;
  closureBytes: number;
}

export interface HeapSummary {
  total: number;
  byType: Array<[string, number, number]>;
  byConstructor: Array<[string, number, number]>;
  byScript: ScriptCode[];
}

/** Edges from a SharedFunctionInfo to the script it was compiled from (the name changed across V8 versions). */
const SCRIPT_EDGES = new Set(['script', 'script_or_debug_info']);
/** A closure's edge to its SharedFunctionInfo. */
const SHARED_EDGE = 'shared';
/** Node types that belong to a function's compiled form when only its SharedFunctionInfo reaches them. */
const CODE_PART_TYPES = new Set(['code', 'array', 'hidden']);

export function summariseHeapSnapshot(json: HeapSnapshotJson): HeapSummary {
  const { node_fields: nodeFields, node_types: nodeTypes, edge_fields: edgeFields, edge_types: edgeTypes } = json.snapshot.meta;
  const nodeWidth = nodeFields.length;
  const edgeWidth = edgeFields.length;
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ['type', 'name', 'self_size', 'edge_count'].map((field) => nodeFields.indexOf(field)) as [number, number, number, number];
  const [edgeTypeAt, edgeNameAt, toAt] = ['type', 'name_or_index', 'to_node'].map((field) => edgeFields.indexOf(field)) as [number, number, number];
  const count = json.nodes.length / nodeWidth;
  const typeOf = (node: number) => nodeTypes[0][json.nodes[node * nodeWidth + typeAt]!]!;
  const nameOf = (node: number) => json.strings[json.nodes[node * nodeWidth + nameAt]!]!;
  const sizeOf = (node: number) => json.nodes[node * nodeWidth + sizeAt]!;

  const firstEdge = new Uint32Array(count + 1);
  for (let node = 0; node < count; node += 1) firstEdge[node + 1] = firstEdge[node]! + json.nodes[node * nodeWidth + edgeCountAt]!;
  const edgesOf = function* (node: number): Generator<{ kind: string; name: string; to: number }> {
    for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge += 1) {
      const base = edge * edgeWidth;
      const kind = edgeTypes[0][json.edges[base + edgeTypeAt]!]!;
      const nameOrIndex = json.edges[base + edgeNameAt]!;
      const name = kind === 'element' || kind === 'hidden' ? String(nameOrIndex) : (json.strings[nameOrIndex] ?? '');
      yield { kind, name, to: json.edges[base + toAt]! / nodeWidth };
    }
  };

  const byType = new Map<string, [number, number]>();
  const byConstructor = new Map<string, [number, number]>();
  let total = 0;
  const add = (map: Map<string, [number, number]>, key: string, size: number) => {
    const entry = map.get(key) ?? [0, 0];
    entry[0] += size;
    entry[1] += 1;
    map.set(key, entry);
  };
  for (let node = 0; node < count; node += 1) {
    const type = typeOf(node);
    const size = sizeOf(node);
    total += size;
    add(byType, type, size);
    add(byConstructor, type === 'object' || type === 'native' ? nameOf(node) : `(${type})`, size);
  }

  // Each SharedFunctionInfo to its script, then what it alone holds of its compiled form.
  const scriptOfNode = new Int32Array(count).fill(-1);
  const scriptNames: string[] = [];
  const scriptIndex = new Map<number, number>();
  const sharedInfos: number[] = [];
  const isSharedInfo = new Uint8Array(count);
  for (let node = 0; node < count; node += 1) {
    if (typeOf(node) !== 'code') continue;
    for (const edge of edgesOf(node)) {
      if (!SCRIPT_EDGES.has(edge.name) || typeOf(edge.to) !== 'code') continue;
      let index = scriptIndex.get(edge.to);
      if (index === undefined) {
        index = scriptNames.length;
        scriptNames.push(nameOf(edge.to) || '(no name)');
        scriptIndex.set(edge.to, index);
      }
      scriptOfNode[node] = index;
      sharedInfos.push(node);
      isSharedInfo[node] = 1;
      break;
    }
  }
  const rows = scriptNames.map((script): ScriptCode => ({ script, functions: 0, codeBytes: 0, closures: 0, closureBytes: 0 }));
  for (const shared of sharedInfos) {
    const row = rows[scriptOfNode[shared]!]!;
    row.functions += 1;
    row.codeBytes += sizeOf(shared);
    // Bytecode, its constant pool and tables, scope info, preparse data: two levels below the SFI.
    const stack: Array<[number, number]> = [[shared, 0]];
    while (stack.length) {
      const [node, depth] = stack.pop()!;
      if (depth >= 3) continue;
      for (const edge of edgesOf(node)) {
        // Not the script, another function, or what is already counted (shared parts go to the first holder).
        if (edge.kind === 'weak' || SCRIPT_EDGES.has(edge.name) || scriptIndex.has(edge.to) || isSharedInfo[edge.to] || scriptOfNode[edge.to] !== -1 || !CODE_PART_TYPES.has(typeOf(edge.to))) continue;
        scriptOfNode[edge.to] = scriptOfNode[shared]!;
        row.codeBytes += sizeOf(edge.to);
        stack.push([edge.to, depth + 1]);
      }
    }
  }
  for (let node = 0; node < count; node += 1) {
    if (typeOf(node) !== 'closure') continue;
    for (const edge of edgesOf(node)) {
      if (edge.name !== SHARED_EDGE) continue;
      const index = scriptOfNode[edge.to]!;
      if (index >= 0 && isSharedInfo[edge.to]) {
        rows[index]!.closures += 1;
        rows[index]!.closureBytes += sizeOf(node);
      }
      break;
    }
  }
  const sorted = (map: Map<string, [number, number]>) => [...map].map(([key, [size, n]]): [string, number, number] => [key, size, n]).sort((a, b) => b[1] - a[1]);
  return { total, byType: sorted(byType), byConstructor: sorted(byConstructor), byScript: rows.sort((a, b) => b.codeBytes + b.closureBytes - (a.codeBytes + a.closureBytes)) };
}
