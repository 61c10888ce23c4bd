/**
 * The layer check that `npm run lint` (and so `npm test`) runs: the project's
 * own tree passes, and a tree with an import up the layers, a cycle between
 * workflow folders, or a sidebar reaching into the server fails, naming it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { checkLayers } from '../../dev/checks/layers';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const LAYERED = {
  'src/server/core/dates.ts': 'export const x = 1;\n',
  'src/server/table/table.ts': "import { x } from '../core/dates';\nexport const t = x;\n",
  'src/server/services/lock.ts': "import { t } from '../table/table';\nexport const l = t;\n",
  'src/server/workflows/shared/caseFacts.ts': "import { l } from '../../services/lock';\nexport const f = l;\n",
  'src/server/workflows/dashboard/index.ts': "import { f } from '../shared/caseFacts';\nexport const d = f;\n",
  'src/server/workflows/nightly/index.ts': "import { d } from '../dashboard';\nexport const n = d;\n",
  'src/server/platform/probes.ts': "import { n } from '../workflows/nightly';\nexport const p = n;\n",
  'src/server/api.ts': "import { l } from './services/lock';\nexport const a = l;\n",
  'src/server/index.ts':
    "import { a } from './api';\nimport { n } from './workflows/nightly';\nimport { p } from './platform/probes';\nexport const i = [a, n, p];\n",
  'src/client/api.ts': "import type * as Server from '../server/index';\nexport type S = typeof Server;\n",
};

describe('the layer check', () => {
  it("passes the project's own src/", () => {
    expect(checkLayers()).toEqual([]);
  });

  it('passes a tree whose imports all go down', () => {
    expect(checkLayers(tree(LAYERED))).toEqual([]);
  });

  it('names an import from a lower layer to a higher one', () => {
    const root = tree({ ...LAYERED, 'src/server/table/audit.ts': "import { l } from '../services/lock';\n" });
    expect(checkLayers(root)).toEqual([
      'src/server/table/audit.ts (table) imports ../services/lock (services), a higher layer',
    ]);
  });

  it('names a workflow importing the API layer, and shared code importing a workflow', () => {
    const root = tree({
      ...LAYERED,
      'src/server/workflows/dashboard/index.ts': "import type { a } from '../../api';\n",
      'src/server/workflows/shared/caseFacts.ts': "import { n } from '../nightly';\n",
    });
    expect(checkLayers(root)).toEqual(
      expect.arrayContaining([
        'src/server/workflows/dashboard/index.ts (workflows) imports ../../api (api), a higher layer',
        'src/server/workflows/shared/caseFacts.ts (workflows/shared) imports ../nightly (workflows), a higher layer',
      ]),
    );
  });

  it('names a workflow importing the platform check, which sits above the workflows it probes', () => {
    const root = tree({
      ...LAYERED,
      'src/server/workflows/dashboard/index.ts': "import { p } from '../../platform/probes';\n",
    });
    expect(checkLayers(root)).toEqual([
      'src/server/workflows/dashboard/index.ts (workflows) imports ../../platform/probes (platform), a higher layer',
    ]);
  });

  it('names a cycle between workflow folders, with an import on each edge', () => {
    const root = tree({ ...LAYERED, 'src/server/workflows/dashboard/runs.ts': "import { n } from '../nightly';\n" });
    const problems = checkLayers(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^workflow folders depend on each other: (dashboard → nightly → dashboard|nightly → dashboard → nightly)/,
    );
    expect(problems[0]).toContain('src/server/workflows/dashboard/runs.ts imports ../nightly');
  });

  it('names the sidebar importing server code that is not the public API as types', () => {
    const root = tree({ ...LAYERED, 'src/client/panels/case.ts': "import { x } from '../../server/core/dates';\n" });
    expect(checkLayers(root)).toEqual([
      'src/client/panels/case.ts imports ../../server/core/dates: the sidebar imports only src/client and, as types, src/server/index.ts',
    ]);
  });

  it('names server code importing the emulator or the tests', () => {
    const root = tree({ ...LAYERED, 'src/server/core/dev.ts': "import { e } from '../../../dev/emulator/index';\n" });
    expect(checkLayers(root)).toEqual([
      'src/server/core/dev.ts imports ../../../dev/emulator/index: src/server imports only src/server',
    ]);
  });
});
