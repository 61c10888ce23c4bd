/**
 * npm run setup:clasp -- <scriptId> [--force]
 *
 * Points clasp at an Apps Script project that already exists (the script
 * bound to the practice's hub spreadsheet: Extensions ▸ Apps Script ▸ Project
 * Settings ▸ Script ID; or the add-on's standalone project) by writing
 * .clasp.json with that id and rootDir dist. A new bound project needs none of
 * this: `npx clasp create --type sheets --title "Caseload Handoff" --rootDir dist`
 * writes the file itself, and refuses if one exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLASP_ROOT_DIR } from './clasp';

const SCRIPT_ID = /^[A-Za-z0-9_-]{25,}$/;

export function setUpClasp(dir: string, args: readonly string[]): { ok: boolean; message: string } {
  const force = args.includes('--force');
  const ids = args.filter((a) => !a.startsWith('--'));
  const file = path.join(dir, '.clasp.json');
  if (ids.length !== 1)
    return {
      ok: false,
      message:
        'Usage: npm run setup:clasp -- <scriptId> [--force]. The script id is in the Apps Script editor under Project Settings ▸ IDs.',
    };
  const id = ids[0].trim();
  if (!SCRIPT_ID.test(id))
    return {
      ok: false,
      message: `"${id}" is not an Apps Script script id (letters, digits, - and _, usually 57 of them). Copy it from Project Settings ▸ IDs.`,
    };
  if (fs.existsSync(file)) {
    const current = (JSON.parse(fs.readFileSync(file, 'utf8')) as { scriptId?: unknown }).scriptId;
    if (current === id) return { ok: true, message: `.clasp.json already points at ${id}. Next: npm run push.` };
    if (!force)
      return {
        ok: false,
        message: `.clasp.json already points at ${JSON.stringify(current)}; nothing was changed. Run again with --force to replace it.`,
      };
  }
  fs.writeFileSync(file, `${JSON.stringify({ scriptId: id, rootDir: CLASP_ROOT_DIR }, null, 2)}\n`);
  return { ok: true, message: `Wrote .clasp.json: script ${id}, files from ${CLASP_ROOT_DIR}/. Next: npm run push.` };
}

if (require.main === module) {
  const r = setUpClasp(process.cwd(), process.argv.slice(2));
  (r.ok ? console.log : console.error)(r.message);
  process.exit(r.ok ? 0 : 1);
}
