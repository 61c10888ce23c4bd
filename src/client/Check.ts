/**
 * The dialog of Handoff ▸ Check this installation: asks for the optional
 * second address and email, then fetches the round-trip sample and sends it
 * back with runPlatformCheck (so the google.script.run probe crosses both
 * ways), and shows the table the server returns. Text only: every value is
 * a text node.
 */
import { api, cleanMessage } from './api';
import { h } from './dom';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function table(results: Awaited<ReturnType<typeof api.runPlatformCheck>>['results']): HTMLElement {
  return h(
    'table',
    null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['Probe', 'Result', 'Expected', 'Got'].map((t) => h('th', null, t)),
      ),
    ),
    h(
      'tbody',
      null,
      results.map((r) =>
        h(
          'tr',
          null,
          h('td', null, h('a', { href: r.page, target: '_blank', rel: 'noopener' }, r.probe)),
          h('td', { class: r.status.replace(' ', '-') }, r.status),
          h('td', null, r.expected),
          h('td', null, r.got),
        ),
      ),
    ),
  );
}

async function run(event: Event): Promise<void> {
  event.preventDefault();
  const button = byId<HTMLButtonElement>('run');
  const status = byId<HTMLElement>('status');
  const results = byId<HTMLElement>('results');
  button.disabled = true;
  results.replaceChildren();
  status.textContent = 'Checking… (about a minute)';
  try {
    const roundTrip = await api.getPlatformCheckSample();
    const report = await api.runPlatformCheck({
      shareWith: byId<HTMLInputElement>('share').value.trim() || undefined,
      emailMe: byId<HTMLInputElement>('email').checked,
      roundTrip,
    });
    status.replaceChildren(h('p', { class: 'summary' }, report.message));
    results.replaceChildren(table(report.results));
  } catch (e) {
    status.replaceChildren(h('p', { class: 'error' }, cleanMessage(e)));
  } finally {
    button.disabled = false;
  }
}

byId<HTMLFormElement>('ask').addEventListener('submit', (e) => void run(e));
