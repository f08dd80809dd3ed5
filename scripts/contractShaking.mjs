// How scripts/build.mjs lets each page and bridge keep only the part of the zod contract it uses.
// Every module in common/contract builds its schemas when it is evaluated (`const X = z.object(…)`), and
// esbuild must assume a call has side effects, so a bundle that imports one constant from a contract
// module used to carry (and build at load) every schema in it, and every bridge both roles' channel maps.
// Here each top-level `const` whose initializer calls anything (or reads or spreads a property) is wrapped in an IIFE marked pure while
// it is bundled: evaluated exactly as before where it is used, dropped where nothing uses it (and zod
// with it when no schema is left). common/contract stays the one source of the contract; no schema
// changes, and main, which uses every channel, is built without this.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const CONTRACT_MODULE = /[\\/]common[\\/]contract[\\/][^\\/]+\.ts$/;

/**
 * Whether esbuild would keep `node` even when nothing uses it: it calls or constructs something, reads a
 * property (`Schema.options`) or spreads one (`{ ...otherChannels }`). Function bodies run later: not counted.
 */
function keptWhenUnused(node) {
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) return true;
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return true;
  if (ts.isSpreadAssignment(node) || ts.isSpreadElement(node)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, (child) => (keptWhenUnused(child) ? true : undefined)) ?? false;
}

/** The module's text with each top-level `const` initializer esbuild would keep wrapped in a pure IIFE. */
export function markContractSchemasPure(source, fileName = 'contract.ts') {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const spans = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (init && keptWhenUnused(init)) spans.push([init.getStart(file), init.end]);
    }
  }
  let text = source;
  for (const [start, end] of spans.reverse()) {
    text = `${text.slice(0, start)}/* @__PURE__ */ (() => (${text.slice(start, end)}))()${text.slice(end)}`;
  }
  return text;
}

/** esbuild plugin: the contract modules as markContractSchemasPure leaves them. */
export const contractShaking = {
  name: 'contract-shaking',
  setup(build) {
    build.onLoad({ filter: CONTRACT_MODULE }, async (args) => {
      if (args.path.endsWith('.test.ts')) return undefined;
      return { contents: markContractSchemasPure(await readFile(args.path, 'utf8'), args.path), loader: 'ts' };
    });
  },
};
