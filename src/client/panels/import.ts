/**
 * Import: the EHR's client export into the Clients tab. Paste the CSV or
 * choose the file, check how its columns map to ours, preview what would
 * change (added, updated, unchanged, rows with problems and why), then import.
 * Nothing is written before Import; a client missing from the file is never
 * deleted.
 */
import type { App, Panel } from '../app';
import { button, field, form, h, replace, select, table } from '../dom';

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

function count(label: string, n: number, cls = ''): HTMLElement {
  return h('div', { class: `count ${cls}`.trim(), 'data-count': label.toLowerCase() }, h('strong', null, n), label);
}

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
    const resultBox = h('div', { class: 'preview', 'aria-live': 'polite' });
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
      replace(resultBox);
    };

    csvInput.addEventListener('input', () => {
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
          mapping = null;
          stale();
          replace(mappingBox);
          app.showStatus(`Read ${file.name}. Preview it next.`);
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
        return [h('span', null, ours, required ? h('span', { class: 'error', title: 'required' }, ' *') : null), sel];
      });
      replace(
        mappingBox,
        h('h3', null, 'Columns'),
        h('p', { class: 'secondary' }, "Our Clients header ← the export's column. * required."),
        table(['Ours', 'Export column'], rows, { class: 'grid mapping-table' }),
      );
    };

    const renderPreview = (p: Preview): void => {
      const problems = problemRows(p.problems);
      replace(
        resultBox,
        h('h3', null, 'Preview'),
        p.headerProblems.length
          ? h(
              'div',
              { class: 'error block', role: 'alert' },
              p.headerProblems.map((m) => h('p', null, m)),
            )
          : null,
        h(
          'div',
          { class: 'counts' },
          count('Added', p.added),
          count('Updated', p.updated),
          count('Unchanged', p.unchanged),
          count('Problems', p.problemCount, p.problemCount ? 'warning' : ''),
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
              h(
                'div',
                { class: 'scroll' },
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
              h(
                'div',
                { class: 'scroll' },
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
              h(
                'div',
                { class: 'scroll' },
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
    };

    const runPreview = async (): Promise<void> => {
      if (!csv().trim()) {
        app.showError("Paste the export's CSV text or choose the file first.");
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
      app.showStatus(
        `Preview: ${p.added} new, ${p.updated} updated, ${p.unchanged} unchanged, ${p.problemCount} with problems. Nothing is written until you press Import.`,
      );
    };

    const runImport = async (): Promise<void> => {
      if (!preview || !mapping) return;
      const r = await app.busy(app.api.importRoster(csv(), mapping), 'Importing…');
      importButton.disabled = true;
      replace(
        resultBox,
        h('h3', null, 'Imported'),
        h(
          'div',
          { class: 'counts' },
          count('Added', r.added),
          count('Updated', r.updated),
          count('Unchanged', r.unchanged),
          count('Skipped', r.skipped, r.skipped ? 'warning' : ''),
        ),
        r.problems.length
          ? h(
              'div',
              { class: 'scroll' },
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
        h('div', { class: 'block' }, button('Preview', null, 'action'), importButton),
      ),
      mappingBox,
      resultBox,
    );
  },
};
