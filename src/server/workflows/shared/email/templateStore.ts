/**
 * The Templates tab, read once per execution. A key missing from the tab uses
 * its default text (core/defaultTemplates); a key whose row has a blank
 * Subject or Body is a clear error naming the key, never an empty email.
 */
import type { Env } from '../../../services/context';
import { DEFAULT_TEMPLATES } from '../../../core/defaultTemplates';
import { TAB, TEMPLATE_HEADERS, TEMPLATE_KEYS, type TemplateKey } from '../../../core/schema';
import type { Template } from '../../../core/templates';
import { Table } from '../../../table/table';
import { perExecution } from './memo';

/** Text messages have no subject. */
const NO_SUBJECT: readonly TemplateKey[] = ['TEXT_FOLLOWUP'];

export class TemplateStore {
  private readonly rows = new Map<string, { subject: string; body: string }>();

  private constructor(table: Table) {
    for (const row of table.rows) {
      const key = row.text('Key').toUpperCase();
      if (key && !this.rows.has(key))
        this.rows.set(key, { subject: String(row.get('Subject') ?? ''), body: String(row.get('Body') ?? '') });
    }
  }

  static of(env: Env): TemplateStore {
    return perExecution(
      env,
      'templates',
      () => new TemplateStore(Table.read(env.ctx.ss, TAB.templates, env.ctx.timeZone, { required: TEMPLATE_HEADERS })),
    );
  }

  /** Whether the tab has its own row for the key (else the default is used). */
  hasRow(key: TemplateKey): boolean {
    return this.rows.has(key);
  }

  get(key: TemplateKey): Template {
    requireTemplateKey(key);
    const row = this.rows.get(key);
    if (!row) {
      const d = DEFAULT_TEMPLATES[key];
      return { key, subject: d.subject, body: d.body };
    }
    const blank = [
      ...(row.subject.trim() === '' && !NO_SUBJECT.includes(key) ? ['Subject'] : []),
      ...(row.body.trim() === '' ? ['Body'] : []),
    ];
    if (blank.length) {
      throw new Error(
        `The ${key} template on the Templates tab has a blank ${blank.join(' and ')}. Write it (or delete the row to use the default text); nothing was sent.`,
      );
    }
    return { key, subject: row.subject, body: row.body };
  }
}

export function requireTemplateKey(key: unknown): asserts key is TemplateKey {
  if (!(TEMPLATE_KEYS as readonly unknown[]).includes(key)) {
    throw new Error(`"${String(key)}" is not a template key. Use one of: ${TEMPLATE_KEYS.join(', ')}.`);
  }
}
