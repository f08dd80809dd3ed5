import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summariseHeapSnapshot, type HeapSnapshotJson } from './heapSnapshot';

/** A snapshot in V8's layout (flat node and edge arrays) built from readable rows. */
function snapshot(
  nodes: Array<{ type: string; name: string; size: number; edges?: Array<{ type: string; name: string; to: number }> }>,
): HeapSnapshotJson {
  const nodeTypes = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native'];
  const edgeTypes = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
  const strings: string[] = [];
  const intern = (text: string) => (strings.includes(text) ? strings.indexOf(text) : strings.push(text) - 1);
  const flatNodes: number[] = [];
  const flatEdges: number[] = [];
  nodes.forEach((node, id) => {
    flatNodes.push(nodeTypes.indexOf(node.type), intern(node.name), id + 1, node.size, node.edges?.length ?? 0);
    for (const edge of node.edges ?? []) flatEdges.push(edgeTypes.indexOf(edge.type), intern(edge.name), edge.to * 5);
  });
  return {
    snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'], node_types: [nodeTypes], edge_fields: ['type', 'name_or_index', 'to_node'], edge_types: [edgeTypes] } },
    nodes: flatNodes,
    edges: flatEdges,
    strings,
  };
}

describe('heap snapshot summary', () => {
  // 0, 1: two scripts; 2: a function of ui.js with its bytecode (3) and constant pool (4); 5: a closure of
  // it; 6: a function of bridge.js; 7: an object; 8: an optimised code object only the closure reaches.
  const json = snapshot([
    { type: 'code', name: 'http://host/ui.js', size: 10 },
    { type: 'code', name: 'http://host/bridge.js', size: 10 },
    { type: 'code', name: 'render', size: 40, edges: [{ type: 'internal', name: 'script', to: 0 }, { type: 'internal', name: 'function_data', to: 3 }] },
    { type: 'code', name: 'system / BytecodeArray', size: 300, edges: [{ type: 'internal', name: 'constant_pool', to: 4 }] },
    { type: 'array', name: '(constant pool)', size: 50 },
    { type: 'closure', name: 'render', size: 32, edges: [{ type: 'internal', name: 'shared', to: 2 }, { type: 'internal', name: 'code', to: 8 }] },
    { type: 'code', name: 'parse', size: 40, edges: [{ type: 'weak', name: 'script_or_debug_info', to: 1 }, { type: 'weak', name: 'function_data', to: 3 }] },
    { type: 'object', name: 'Fiber', size: 100 },
    { type: 'code', name: 'system / InstructionStream', size: 1000 },
  ]);
  const summary = summariseHeapSnapshot(json);

  it('adds up every node once, by type and by constructor', () => {
    assert.equal(summary.total, 10 + 10 + 40 + 300 + 50 + 32 + 40 + 100 + 1000);
    assert.deepEqual(summary.byType.find(([type]) => type === 'code'), ['code', 10 + 10 + 40 + 300 + 40 + 1000, 6]);
    assert.deepEqual(summary.byConstructor.find(([name]) => name === 'object Fiber' || name === 'Fiber'), ['Fiber', 100, 1]);
  });

  it('gives each script its functions with what only they hold, and the closures made from them', () => {
    const ui = summary.byScript.find((row) => row.script === 'http://host/ui.js');
    const bridge = summary.byScript.find((row) => row.script === 'http://host/bridge.js');
    assert.deepEqual(ui, { script: 'http://host/ui.js', functions: 1, codeBytes: 40 + 300 + 50, closures: 1, closureBytes: 32 });
    // A weak edge to the bytecode (it belongs to the function that holds it strongly) is not followed.
    assert.deepEqual(bridge, { script: 'http://host/bridge.js', functions: 1, codeBytes: 40, closures: 0, closureBytes: 0 });
    assert.equal(summary.byScript[0]?.script, 'http://host/ui.js', 'largest first');
  });
});
