/**
 * The client answer page's one script: sends the form through
 * google.script.run and shows the reply in place, as text. Without it the
 * form still works: it posts to the web app's doPost in a new tab.
 */
import type { submitClientAnswer } from '../server/index';

type Reply = ReturnType<typeof submitClientAnswer>;

const form = document.getElementById('answer') as HTMLFormElement | null;
const result = document.getElementById('result');
const run = window.google?.script?.run;

function show(reply: Reply): void {
  if (!form || !result) return;
  result.replaceChildren();
  const title = document.createElement('h2');
  title.textContent = reply.title;
  result.append(title);
  for (const line of reply.lines) {
    const p = document.createElement('p');
    p.textContent = line;
    result.append(p);
  }
  result.className = `reply ${reply.kind}`;
  // A saved answer or a refused link ends here; a problem or a busy moment leaves the form to send again.
  form.hidden = reply.kind === 'saved' || reply.kind === 'refused';
  const button = form.querySelector('button');
  if (button) button.disabled = reply.kind === 'preview';
  result.focus();
}

if (form && result && run) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (name: string): string => String(data.get(name) ?? '');
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    result.textContent = 'Sending…';
    run
      .withSuccessHandler((reply) => show(reply as Reply))
      .withFailureHandler(() =>
        show({
          kind: 'busy',
          title: 'Please try again in a minute',
          lines: ['We could not send your answer just now. Please try again, or call our front desk.'],
        }),
      )
      .submitClientAnswer({ a: text('a'), choice: text('choice'), when: text('when'), note: text('note') });
  });
}
