/**
 * Import: the EHR's client export into the Clients tab. Paste the CSV or
 * choose the file, check how its columns map to ours, preview what would
 * change (added, updated, unchanged, rows with problems and why), then import.
 * Nothing is written before Import; a client missing from the file is never
 * deleted.
 */
import type { App, Panel } from '../app';
import { button, buttons, count, field, form, h, replace, scrollBox, select, table } from '../dom';

type Preview = Awaited<ReturnType<App['api']['previewImport']>>;
type Mapping = Record<string, string>;

/** Reads a chosen file as text in the browser; only the text goes to the server. */
function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(new Error(`The file "${file.name}" could not be read.`));
    reader.readAsText(file);
  });
}

/** The server's message already names the line and the Client ID; the second column says what became of the row. */
function problemRows(problems: { message: string; skipped: boolean }[]): string[][] {
  return problems.map((x) => [x.message, x.skipped ? 'skipped' : 'imported']);
}

/** Import's figures keep their capitals on screen and are found by the lower-case label. */
const figure = (label: string, n: number, cls = ''): HTMLElement => {
  const el = count(label, n, cls);
  el.setAttribute('data-count', label.toLowerCase());
  return el;
};

export const importPanel: Panel = {
  id: 'import',
  title: 'Import',
  roles: ['admin'],
  async render(root: HTMLElement, app: App): Promise<void> {
    const info = await app.busy(app.api.getImportMapping(), 'Loading…');
    let mapping: Mapping | null = null;
    let preview: Preview | null = null;

    const csvInput = h('textarea', { rows: 6, spellcheck: 'false', placeholder: 'Patient ID,First Name,Last Name,…' });
    const fileInput = h('input', { type: 'file', accept: '.csv,text/csv,text/plain' });
    const mappingBox = h('div', { class: 'mapping' });
    const resultBox = h('div', { class: 'preview' });
    /** Why Import is not available, said beside it rather than leaving a dead button. */
    const importWhy = h('p', { class: 'secondary', 'data-role': 'import-why' }, 'Preview the file first.');
    // Runs runImport (defined below) when clicked; type=button so Enter in the form previews instead.
    const importButton = button(
      'Import',
      () => {
        void runImport().catch(() => undefined);
      },
      'create',
      { disabled: true },
    );

    const csv = (): string => csvInput.value;
    const stale = (): void => {
      preview = null;
      importButton.disabled = true;
      importButton.textContent = 'Import';
      replace(importWhy, 'Preview the file first.');
      replace(resultBox);
    };
    let fileName = '';

    csvInput.addEventListener('input', () => {
      fileName = '';
      mapping = null;
      stale();
      replace(mappingBox);
    });
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      void app
        .busy(readFile(file), 'Reading the file…')
        .then((text) => {
          csvInput.value = text;
          fileName = file.name;
          mapping = null;
          stale();
          replace(mappingBox);
          if (text.trim() === '')
            app.showError(
              `The file "${file.name}" is empty: export the client list from the EHR again and choose that file.`,
              fileInput,
            );
          else app.showStatus(`Read ${file.name}. Preview it next.`, fileInput);
        })
        .catch(() => undefined);
    });

    const renderMapping = (p: Preview): void => {
      const options: [string, string][] = [
        ['', '— not imported —'],
        ...p.exportHeaders.map((x): [string, string] => [x, x]),
      ];
      const rows = info.headers.map((ours) => {
        const required = info.required.includes(ours);
        const sel = select(options, p.mapping[ours] ?? '', {
          'aria-label': `Export column for ${ours}`,
          'data-header': ours,
        });
        sel.addEventListener('change', () => {
          mapping = { ...(mapping ?? p.mapping), [ours]: sel.value };
          if (!sel.value) delete mapping[ours];
          stale();
          app.showStatus('Mapping changed: preview again.');
        });
        return [h('span', null, ours, required ? h('span', { class: 'error' }, ' * (required)') : null), sel];
      });
      replace(
        mappingBox,
        h('h3', null, 'Columns'),
        h('p', { class: 'secondary' }, "Our Clients header ← the export's column."),
        table(['Ours', 'Export column'], rows, { class: 'grid mapping-table' }),
      );
    };

    const renderPreview = (p: Preview): void => {
      const problems = problemRows(p.problems);
      replace(
        resultBox,
        h('h2', null, 'Preview'),
        p.headerProblems.length
          ? h(
              'div',
              { class: 'error block', 'data-role': 'header-problems' },
              p.headerProblems.map((m) => h('p', null, m)),
            )
          : null,
        h(
          'div',
          { class: 'counts' },
          figure('Added', p.added),
          figure('Updated', p.updated),
          figure('Unchanged', p.unchanged),
          figure('Problems', p.problemCount, p.problemCount ? 'warning' : ''),
        ),
        p.notImported.length
          ? h(
              'p',
              { class: 'secondary' },
              `Not imported (no such column on the Clients tab): ${p.notImported.join(', ')}`,
            )
          : null,
        p.problems.length
          ? [
              h('h3', null, 'Rows with problems'),
              scrollBox(
                'Rows with problems',
                table(['Problem (line of the file)', 'Row'], problems, { class: 'grid problems' }),
              ),
              p.problemCount > p.problems.length
                ? h('p', { class: 'secondary' }, `…and ${p.problemCount - p.problems.length} more.`)
                : null,
            ]
          : null,
        p.newClients.length
          ? [
              h('h3', null, 'New clients'),
              scrollBox(
                'New clients',
                table(
                  ['Client ID', 'Name'],
                  p.newClients.map((c) => [c.clientId, c.name]),
                  { class: 'grid new-clients' },
                ),
              ),
            ]
          : null,
        p.changes.length
          ? [
              h('h3', null, 'Changes'),
              scrollBox(
                'Changes',
                table(
                  ['Client ID', 'What changes'],
                  p.changes.map((c) => [c.clientId, c.changes.map((x) => x.header).join(', ')]),
                  { class: 'grid changes' },
                ),
              ),
            ]
          : null,
      );
      importButton.disabled = p.headerProblems.length > 0 || p.added + p.updated === 0;
      importButton.textContent = `Import (${p.added} new, ${p.updated} updated)`;
      replace(importWhy, whyNot(p));
    };

    /** Why Import is off for this preview ('' when it is on). */
    const whyNot = (p: Preview): string => {
      if (p.headerProblems.length) return 'Import is off until the columns above are fixed.';
      if (p.added + p.updated > 0) return '';
      const rows = p.added + p.updated + p.unchanged + p.problemCount;
      if (rows === 0) return 'Nothing to import: the file has a header row and no clients.';
      if (p.unchanged > 0 && p.problemCount === 0)
        return 'Nothing to import: every client in the file is already up to date.';
      return 'Nothing to import: no row of the file can be imported (see the problems above).';
    };

    const runPreview = async (): Promise<void> => {
      if (!csv().trim()) {
        if (fileName)
          app.showError(`The file "${fileName}" is empty: export the client list from the EHR again.`, fileInput);
        else app.showError("Paste the export's CSV text or choose the file first.", csvInput);
        return;
      }
      const p = await app.busy(
        mapping ? app.api.previewImport(csv(), mapping) : app.api.previewImport(csv()),
        'Previewing…',
      );
      preview = p;
      mapping = p.mapping;
      renderMapping(p);
      renderPreview(p);
      const summary = `Preview: ${p.added} new, ${p.updated} updated, ${p.unchanged} unchanged, ${p.problemCount} rows with problems.`;
      if (p.headerProblems.length)
        app.showError(`${p.headerProblems.join(' ')} Nothing can be imported until that is fixed.`);
      else
        app.showStatus(
          `${summary} ${importButton.disabled ? whyNot(p) : 'Nothing is written until you press Import.'}`,
        );
    };

    const runImport = async (): Promise<void> => {
      if (!preview || !mapping) return;
      const r = await app.busy(app.api.importRoster(csv(), mapping), 'Importing…');
      importButton.disabled = true;
      replace(importWhy, 'Imported. Choose or paste another export to import again.');
      replace(
        resultBox,
        h('h2', null, 'Imported'),
        h(
          'div',
          { class: 'counts' },
          figure('Added', r.added),
          figure('Updated', r.updated),
          figure('Unchanged', r.unchanged),
          figure('Skipped', r.skipped, r.skipped ? 'warning' : ''),
        ),
        r.problems.length
          ? scrollBox(
              'Rows with problems',
              table(['Problem (line of the file)', 'Row'], problemRows(r.problems), { class: 'grid problems' }),
            )
          : null,
      );
      app.showStatus(
        `Imported: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped.`,
      );
    };

    replace(
      root,
      form(
        () => {
          void runPreview().catch(() => undefined);
        },
        h(
          'p',
          { class: 'secondary' },
          'Export the client list from the EHR as CSV. Clients are matched by Client ID; nobody is deleted.',
        ),
        field('Paste the CSV export', csvInput),
        field('Or choose the CSV file', fileInput),
        h('div', { class: 'block' }, buttons(button('Preview', null, 'action'), importButton), importWhy),
      ),
      resultBox,
      mappingBox,
    );
  },
};
