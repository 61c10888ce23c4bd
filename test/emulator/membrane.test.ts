/**
 * The boundary between the emulator and a script's context: service errors
 * reach the script as its own Errors named Exception (String(e) reads
 * "Exception: …" as on the platform), objects keep their identity, and what
 * the script hands back to a service is the emulator's own object.
 */
import vm from 'node:vm';
import { Membrane } from '../../dev/emulator/membrane';

class Sheet {
  constructor(readonly name: string) {}
  fail(): never {
    throw new Error('Range not found');
  }
  same(): this {
    return this;
  }
  isSheet(x: unknown): boolean {
    return x instanceof Sheet && x === sheet;
  }
}
const sheet = new Sheet('Data');
const service = {
  getSheet: () => sheet,
  getSheets: () => [sheet, sheet],
  getValues: () => [[1, 'a']],
  frozen: Object.freeze({ f: () => 2 }),
};

function sandbox() {
  const ctx = vm.createContext({});
  const membrane = new Membrane(vm.runInContext('Error', ctx) as ErrorConstructor);
  (ctx as Record<string, unknown>).App = membrane.wrap(service);
  return (code: string) => vm.runInContext(code, ctx);
}

describe('the membrane', () => {
  it('turns a service error into an Error of the script named Exception', () => {
    const run = sandbox();
    expect(
      run('try { App.getSheet().fail() } catch (e) { [e instanceof Error, e.name, e.message, String(e)] }'),
    ).toEqual([true, 'Exception', 'Range not found', 'Exception: Range not found']);
  });

  it('hands out the same object each time and chains return it', () => {
    const run = sandbox();
    expect(run('App.getSheet() === App.getSheet() && App.getSheet().same() === App.getSheet()')).toBe(true);
    expect(run('App.getSheets()[0] === App.getSheet()')).toBe(true);
  });

  it('gives the service its own object back when the script passes one in', () => {
    const run = sandbox();
    expect(run('App.getSheet().isSheet(App.getSheet())')).toBe(true);
  });

  it('passes plain data (values grids) through untouched', () => {
    const run = sandbox();
    expect(run('JSON.stringify(App.getValues())')).toBe('[[1,"a"]]');
  });

  it('respects frozen properties', () => {
    const run = sandbox();
    expect(run('App.frozen.f()')).toBe(2);
  });
});
