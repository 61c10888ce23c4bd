/**
 * The sidebar's server client is typed from src/server/index.ts: the real
 * sidebar compiles, and a call to a function the server does not export (or
 * with the wrong arguments) is a compile error, not a runtime surprise.
 */
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const CLIENT = path.join(ROOT, 'src/client');

function diagnostics(extraFile?: { name: string; text: string }): string[] {
  const configPath = path.join(CLIENT, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, CLIENT);
  const files = [...parsed.fileNames];
  const host = ts.createCompilerHost(parsed.options);
  if (extraFile) {
    const full = path.join(CLIENT, extraFile.name);
    files.push(full);
    const original = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, onError, create) =>
      path.resolve(name) === full
        ? ts.createSourceFile(name, extraFile.text, lang)
        : original(name, lang, onError, create);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => path.resolve(name) === full || fileExists(name);
  }
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true }, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !extraFile || d.file?.fileName === path.join(CLIENT, extraFile.name))
    .map(
      (d) =>
        `${d.file ? path.relative(ROOT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
}

describe('the typed server client', () => {
  it('compiles the whole sidebar against the server API', () => {
    const errors = diagnostics().filter((d) => d.startsWith('src/client/'));
    expect(errors).toEqual([]);
  });

  it('makes a call to a function the server does not export a compile error', () => {
    const errors = diagnostics({
      name: '__renamed.ts',
      text: "import { api } from './api';\nvoid api.whoAmIRenamed();\n",
    });
    expect(errors.join('\n')).toMatch(/whoAmIRenamed/);
  });

  it('makes a call with arguments of the wrong type a compile error', () => {
    const errors = diagnostics({
      name: '__wrongArgs.ts',
      text: "import { api } from './api';\nvoid api.saveSettings(42);\n",
    });
    expect(errors.join('\n')).toMatch(/not assignable/);
  });

  it("types a result from the server function's return type", () => {
    const ok = diagnostics({
      name: '__result.ts',
      text: "import { api } from './api';\nexport const f = async (): Promise<string[]> => (await api.saveSettings({})).saved;\n",
    });
    const bad = diagnostics({
      name: '__resultBad.ts',
      text: "import { api } from './api';\nexport const f = async (): Promise<number> => (await api.saveSettings({})).saved;\n",
    });
    expect(ok).toEqual([]);
    expect(bad.join('\n')).toMatch(/not assignable/);
  });
});
