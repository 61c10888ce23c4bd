/**
 * The identifiers a script refers to without declaring them anywhere: its free
 * globals. Scope-insensitive on purpose (a name declared anywhere counts as
 * declared), which can only under-report, never invent a global.
 */
import ts from 'typescript';

export function freeGlobals(code: string): Set<string> {
  const file = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const declared = new Set<string>();
  const referenced = new Set<string>();

  const declareName = (name: ts.BindingName | undefined): void => {
    if (!name) return;
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) declareName(el.name);
  };

  const isReference = (id: ts.Identifier): boolean => {
    const p = id.parent;
    if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
    if (
      (ts.isPropertyAssignment(p) ||
        ts.isMethodDeclaration(p) ||
        ts.isPropertyDeclaration(p) ||
        ts.isGetAccessor(p) ||
        ts.isSetAccessor(p) ||
        ts.isPropertySignature(p)) &&
      p.name === id
    )
      return false;
    if (ts.isBindingElement(p) && p.propertyName === id) return false;
    if ((ts.isLabeledStatement(p) || ts.isBreakStatement(p) || ts.isContinueStatement(p)) && p.label === id)
      return false;
    if (
      (ts.isVariableDeclaration(p) ||
        ts.isParameter(p) ||
        ts.isBindingElement(p) ||
        ts.isFunctionDeclaration(p) ||
        ts.isFunctionExpression(p) ||
        ts.isClassDeclaration(p) ||
        ts.isClassExpression(p)) &&
      p.name === id
    )
      return false;
    if (ts.isMetaProperty(p)) return false;
    return true;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) declareName(node.name);
    if (
      (ts.isFunctionDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isClassDeclaration(node) ||
        ts.isClassExpression(node)) &&
      node.name
    ) {
      declared.add(node.name.text);
    }
    if (ts.isCatchClause(node) && node.variableDeclaration) declareName(node.variableDeclaration.name);
    if (ts.isIdentifier(node) && isReference(node)) referenced.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return new Set([...referenced].filter((n) => !declared.has(n) && n !== 'arguments'));
}
