// How scripts/build.mjs keeps main from building the whole zod contract while its bundle loads. Every
// module in common/contract builds its schemas when it is evaluated, and main imports every channel
// map, so loading main built every schema (~60 ms of CPU on the start path, before any was used). In
// main's build each zod schema expression outside a function (`z.object(…)`, `OtherSchema.extend(…)`)
// is wrapped in lazySchema (common/lazySchema.ts): built on first use, e.g. a channel's request schema
// when the first request on that channel arrives. common/contract stays the one source; the pages use
// scripts/contractShaking.mjs instead, and the unit tests run the modules as written (all eager).
import path from 'node:path';
import ts from 'typescript';
import { applyEdits, contractModulePlugin } from './contractModules.mjs';

const LAZY_SCHEMA_MODULE = path.resolve(import.meta.dirname, '..', 'common', 'lazySchema.ts');

/** Methods of a schema (or of `z`) whose result is not a schema: a chain ending in one stays as it is. */
const NOT_SCHEMA_RESULTS = new Set([
  'parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa', 'encode', 'decode', 'safeEncode', 'safeDecode',
  'toJSONSchema', 'config', 'registry', 'treeifyError', 'prettifyError', 'flattenError', 'formatError',
  'isOptional', 'isNullable', 'unwrap',
]);
/** Calls that register a schema by its identity: such a chain is built at load, as written. */
const REGISTERS_IDENTITY = new Set(['meta', 'describe', 'register']);

/** The identifier a chain of calls and property reads starts from (`z` in `z.string().min(1)`). */
function chainRoot(node) {
  let current = node;
  while (ts.isCallExpression(current) || ts.isPropertyAccessExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
  return ts.isIdentifier(current) ? current.text : undefined;
}

/** Method names called along a chain, outermost first. */
function chainMethods(node) {
  const names = [];
  let current = node;
  while (ts.isCallExpression(current) || ts.isPropertyAccessExpression(current) || ts.isNonNullExpression(current)) {
    if (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) names.push(current.expression.name.text);
    current = current.expression;
  }
  return names;
}

/** A chain from `z` or a `…Schema` constant that registers what it builds by identity (`.meta`, `.describe`). */
function registersIdentity(node) {
  if (!ts.isCallExpression(node)) return false;
  const root = chainRoot(node);
  return (root === 'z' || /Schema$/.test(root ?? '')) && chainMethods(node).some((name) => REGISTERS_IDENTITY.has(name));
}

/** A call chain that yields a zod schema: from `z` or a `…Schema` constant, ending in a method that returns one. */
function isSchemaChain(node) {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const root = chainRoot(node);
  if (root !== 'z' && !/Schema$/.test(root ?? '')) return false;
  const methods = chainMethods(node);
  return !NOT_SCHEMA_RESULTS.has(methods[0]);
}

/**
 * The module's text with each schema expression evaluated at load (not inside a function) wrapped in
 * `lazySchema(() => (…))`, and the helper imported when anything was wrapped.
 */
export function markContractSchemasLazy(source, fileName = 'contract.ts') {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isTypeNode(node)) return;
    if (registersIdentity(node)) return; // built at load, exactly as written
    if (isSchemaChain(node)) {
      edits.push([node.getStart(file), 0, '__lazySchema(() => ('], [node.end, 0, '))']);
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const statement of file.statements) if (ts.isVariableStatement(statement)) visit(statement);
  if (edits.length === 0) return source;
  return `import { lazySchema as __lazySchema } from ${JSON.stringify(LAZY_SCHEMA_MODULE)};\n${applyEdits(source, edits)}`;
}

/** esbuild plugin for main's bundles: the contract modules as markContractSchemasLazy leaves them. */
export function contractLazy() {
  return contractModulePlugin('contract-lazy', markContractSchemasLazy);
}
