// No user-visible words outside the catalogues. A small TypeScript AST check, run by `npm test` through
// scripts/i18n/noLiteralStrings.test.ts:
//  - UI (renderer/ui/**/*.tsx): text between JSX tags, string literals rendered as children, and
//    user-facing attributes (aria-label, title, placeholder, alt, label, textValue, …). Class names, test
//    ids, roles, keys and other attributes are not words the agent reads, so they are not checked.
//  - Main (main/**/*.ts): what reaches the OS outside the window — Notification and BrowserWindow options,
//    tray tooltips and titles, dialogs, menus.
// Text without a letter (a dash, "·", digits) is not a word and is allowed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface LiteralFinding {
  file: string;
  line: number;
  text: string;
  where: string;
}

const LETTER = /\p{L}/u;
const UI_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'aria-placeholder', 'title', 'placeholder', 'alt', 'label', 'textValue', 'description', 'errorMessage']);
const OS_PROPERTIES = new Set(['title', 'subtitle', 'body', 'message', 'detail', 'label', 'sublabel', 'toolTip', 'tooltip', 'checkboxLabel', 'buttonLabel', 'content', 'applicationName']);
const OS_CONSTRUCTORS = new Set(['Notification', 'BrowserWindow', 'MenuItem']);
const OS_METHODS = new Set(['setToolTip', 'setTitle', 'showErrorBox', 'showMessageBox', 'showMessageBoxSync', 'showOpenDialog', 'showOpenDialogSync', 'showSaveDialog', 'showSaveDialogSync', 'buildFromTemplate', 'displayBalloon', 'setAboutPanelOptions', 'setUserTasks', 'setJumpList']);

/** The literal words in an expression (branches of ?:, ||, ??, +, template text), with their nodes. */
function literalTexts(node: ts.Node): { node: ts.Node; text: string }[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return LETTER.test(node.text) ? [{ node, text: node.text }] : [];
  if (ts.isTemplateExpression(node)) {
    const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('…');
    return LETTER.test(text) ? [{ node, text }] : [];
  }
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return literalTexts(node.expression);
  if (ts.isConditionalExpression(node)) return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind;
    if (kind === ts.SyntaxKind.PlusToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken) return [...literalTexts(node.left), ...literalTexts(node.right)];
    if (kind === ts.SyntaxKind.AmpersandAmpersandToken) return literalTexts(node.right);
  }
  return [];
}

function finding(source: ts.SourceFile, node: ts.Node, text: string, where: string): LiteralFinding {
  return { file: source.fileName, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text: text.trim(), where };
}

export function findUiLiterals(fileName: string, code: string): LiteralFinding[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: LiteralFinding[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) found.push(finding(source, node, node.text, 'JSX text'));
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const literal of literalTexts(node.expression)) found.push(finding(source, literal.node, literal.text, 'JSX child'));
    }
    if (ts.isJsxAttribute(node) && UI_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
      const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
      for (const literal of value ? literalTexts(value) : []) found.push(finding(source, literal.node, literal.text, `${node.name.getText(source)}=`));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Literal words in OS-facing option objects (and arrays of them, as menus are). */
function osObjectLiterals(source: ts.SourceFile, node: ts.Node, where: string): LiteralFinding[] {
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((element) => osObjectLiterals(source, element, where));
  if (!ts.isObjectLiteralExpression(node)) return literalTexts(node).map((literal) => finding(source, literal.node, literal.text, where));
  return node.properties.flatMap((property) => {
    if (!ts.isPropertyAssignment(property)) return [];
    const name = property.name.getText(source).replace(/['"]/g, '');
    if (name === 'submenu') return osObjectLiterals(source, property.initializer, where);
    return OS_PROPERTIES.has(name) ? literalTexts(property.initializer).map((literal) => finding(source, literal.node, literal.text, `${where} ${name}`)) : [];
  });
}

export function findMainLiterals(fileName: string, code: string): LiteralFinding[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: LiteralFinding[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const name = node.expression.getText(source).split('.').pop() ?? '';
      if (OS_CONSTRUCTORS.has(name)) for (const arg of node.arguments ?? []) found.push(...osObjectLiterals(source, arg, `new ${name}`));
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && OS_METHODS.has(node.expression.name.text)) {
      for (const arg of node.arguments) found.push(...osObjectLiterals(source, arg, node.expression.name.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string, extension: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extension.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every finding in the repository at `root`: the UI's components and main's OS-facing code. */
export function checkRepository(root: string): LiteralFinding[] {
  const relative = (file: string) => path.relative(root, file);
  return [
    ...sourceFiles(path.join(root, 'renderer', 'ui'), /\.tsx$/).flatMap((file) => findUiLiterals(relative(file), readFileSync(file, 'utf8'))),
    ...sourceFiles(path.join(root, 'main'), /\.ts$/).flatMap((file) => findMainLiterals(relative(file), readFileSync(file, 'utf8'))),
  ];
}
