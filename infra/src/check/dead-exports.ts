// Dead exports: values (not types) exported from functions/src, shared/src or miniapp/src that no other file imports.
// Run by `npm run lint` after ESLint; exits 1 and lists them when there are any. An export only its own file uses
// should lose its `export`; one nobody uses should go.
//
// Importers are every TypeScript file of the repository (tests, tools and the bench included). Entry points the
// platforms call by name are not counted: the `handler` of functions/src/handlers/* and entries/* (serverless), default exports
// (Taro pages and components) and miniapp page configs (`*.config.ts`). A declaration tagged `@public` is kept.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const say = (line: string) => process.stdout.write(`${line}\n`);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CHECKED = ['functions/src', 'shared/src', 'miniapp/src'];
const IMPORTERS = [...CHECKED, 'infra/src', 'tests', 'bench', 'miniapp/config'];

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

function optionsOf(tsconfig: string): ts.CompilerOptions {
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfig)).options;
}

// One program over everything, with the mini-program's options (DOM, JSX and its `@/` paths); the other
// workspaces need nothing those options lack.
const files = IMPORTERS.flatMap((d) => [...sources(join(root, d))]);
const options = { ...optionsOf(join(root, 'miniapp/tsconfig.json')), types: ['node', '@tarojs/taro'], noEmit: true };
const program = ts.createProgram(files, options);
const checker = program.getTypeChecker();

const isChecked = (file: string) => CHECKED.some((d) => file.startsWith(join(root, d) + sep)) && !/\.test\.tsx?$/.test(file);
const isEntry = (file: string, name: string) =>
  name === 'default' ||
  /\.config\.ts$/.test(file) ||
  (name === 'handler' && ['handlers', 'entries'].some((dir) => file.startsWith(join(root, 'functions/src', dir) + sep)));

/** The declaration an alias ends at (through `export *` and re-exports). */
function original(symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

const used = new Set<ts.Symbol>();
const wholeModules = new Set<ts.Symbol>();

/** A namespace import or a dynamic `import()`: every export of the module counts as used. */
function markSpecifier(specifier: ts.Expression) {
  const symbol = checker.getSymbolAtLocation(specifier);
  if (symbol) wholeModules.add(symbol);
}

for (const file of program.getSourceFiles()) {
  if (!file.fileName.startsWith(root) || file.fileName.includes(`${sep}node_modules${sep}`)) continue;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && node.importClause) {
      const { name, namedBindings } = node.importClause;
      if (name) {
        const s = checker.getSymbolAtLocation(name);
        if (s) used.add(original(s));
      }
      if (namedBindings && ts.isNamespaceImport(namedBindings)) markSpecifier(node.moduleSpecifier);
      if (namedBindings && ts.isNamedImports(namedBindings)) {
        for (const element of namedBindings.elements) {
          const s = checker.getSymbolAtLocation(element.name);
          if (s) used.add(original(s));
        }
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      // A re-export counts as a use only when the re-exported name is itself used: `export *` and `export { x } from`
      // are followed by `original` from the importer's side.
      if (node.exportClause && ts.isNamespaceExport(node.exportClause)) markSpecifier(node.moduleSpecifier);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      markSpecifier(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      if (node.qualifier) {
        const s = checker.getSymbolAtLocation(node.qualifier);
        if (s) used.add(original(s));
      } else markSpecifier(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

/** The default module a platform variant replaces, with its export names (`x.h5.ts` → `x.ts`). */
function variantBase(fileName: string): { exports: Set<string> } | undefined {
  const match = /^(.*)\.(weapp|h5|dd|alipay)(\.tsx?)$/.exec(fileName);
  if (!match) return undefined;
  const base = [`${match[1]}.ts`, `${match[1]}.tsx`].map((f) => program.getSourceFile(f)).find(Boolean);
  const symbol = base && checker.getSymbolAtLocation(base);
  return { exports: new Set(symbol ? checker.getExportsOfModule(symbol).map((e) => e.getName()) : []) };
}

const dead: string[] = [];
for (const file of program.getSourceFiles()) {
  if (!isChecked(file.fileName)) continue;
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (!moduleSymbol || wholeModules.has(moduleSymbol)) continue;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const name = exported.getName();
    if (isEntry(file.fileName, name)) continue;
    const target = original(exported);
    // Types cost nothing at run time and often document a signature; the check is about values.
    if (!(target.flags & ts.SymbolFlags.Value)) continue;
    // A platform file (`x.weapp.ts`, `x.h5.ts`, `x.dd.ts`) stands in for `x.ts` in that build: judged by `x.ts`'s export.
    const base = variantBase(file.fileName);
    if (base && base.exports.has(name)) continue;
    // `@public` in the declaration's JSDoc (as knip reads it): kept on purpose, e.g. a list only its type is taken from.
    if (target.declarations?.some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'public'))) continue;
    // Re-exports (index files, `export { x } from`) are judged where the name is declared.
    const declaredHere = target.declarations?.some((d) => d.getSourceFile() === file);
    if (!declaredHere || used.has(target)) continue;
    const declaration = target.declarations?.find((d) => d.getSourceFile() === file);
    const line = declaration ? file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1 : 0;
    dead.push(`${relative(root, file.fileName)}:${line} ${name}`);
  }
}

if (dead.length) {
  console.error(`${dead.length} export(s) no other file imports (drop the \`export\`, or the code if nothing uses it):`);
  for (const d of dead.sort()) console.error(`  ${d}`);
  process.exit(1);
}
say(`dead exports: none in ${CHECKED.join(', ')}`);
