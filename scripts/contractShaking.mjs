// How scripts/build.mjs lets each page, bridge and preload keep only the part of the zod contract it
// uses. Every module in common/contract builds its schemas when it is evaluated (`const X = z.object(…)`),
// and esbuild must assume a call has side effects, so a bundle that imported one constant from a contract
// module carried (and built at load) every schema in it, and each bridge both roles' channel maps. Here
// each top-level `const` whose initializer calls anything (or reads or spreads a property) is wrapped in
// an IIFE marked pure while it is bundled: evaluated exactly as before where it is used, dropped where
// nothing uses it (and zod with it when no schema is left). A client also leaves out the request schemas
// (`responsesOnly`). common/contract stays the one source of the contract, and main, which validates
// every request, is built from it unchanged.
import ts from 'typescript';
import { applyEdits, contractModulePlugin } from './contractModules.mjs';

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

/** Whether `property` is the `request` schema of a channel map entry (`{ request: …, response: … }`). */
function isRequestOfChannel(property) {
  if (!ts.isPropertyAssignment(property) || property.name.getText() !== 'request' || !ts.isObjectLiteralExpression(property.parent)) return false;
  return property.parent.properties.some((sibling) => sibling.name?.getText() === 'response');
}

/**
 * The module's text with each top-level `const` initializer esbuild would keep wrapped in a pure IIFE.
 * With `responsesOnly` (a client's bundle: a preload or bridge) each channel's request schema is left
 * out too: a client only parses responses and events (preload/client.ts); main validates requests
 * (main/ipc/router.ts) from its own, complete build of the same modules.
 */
export function markContractSchemasPure(source, fileName = 'contract.ts', { responsesOnly = false } = {}) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  /** [position, characters removed, text inserted], applied from the end of the file backwards. */
  const edits = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (!init || !keptWhenUnused(init)) continue;
      edits.push([init.getStart(file), 0, '/* @__PURE__ */ (() => ('], [init.end, 0, '))()']);
    }
  }
  if (responsesOnly) {
    const visit = (node) => {
      if (isRequestOfChannel(node)) edits.push([node.initializer.getStart(file), node.initializer.end - node.initializer.getStart(file), 'void 0']);
      else ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return applyEdits(source, edits);
}

/** esbuild plugin: the contract modules as markContractSchemasPure leaves them. */
export function contractShaking({ responsesOnly = false } = {}) {
  return contractModulePlugin('contract-shaking', (source, fileName) => markContractSchemasPure(source, fileName, { responsesOnly }));
}
