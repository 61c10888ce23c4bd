/**
 * Where results show: beside the control that caused them. One feedback box
 * (a spinner with what is happening, then the error or the result) is placed
 * after the row of the control a person used (a form field, a row of
 * buttons); when a panel redraws that row away, the box moves to the panel's
 * foot, which stays in view at the bottom of the sidebar. Every text is also
 * announced through two fixed live regions (polite for progress and results,
 * assertive for errors), so a screen reader hears it wherever the box is.
 */
import { h, replace, uid } from './dom';

/** The row a result belongs beside: the field, the row of buttons, the block around the control. */
const ROW = '.form-group, .buttons, .block, .card';
const FIELD = 'input, select, textarea';

export type Tone = 'error' | 'success' | 'info';

export class Feedback {
  readonly el: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly progressLabel: HTMLElement;
  readonly message: HTMLElement;
  private home: HTMLElement | null = null;
  private invalid: HTMLElement | null = null;
  /** Whether a message is showing (progress alone does not count). */
  shown = false;

  constructor(
    private readonly panel: HTMLElement,
    private readonly polite: HTMLElement,
    private readonly assertive: HTMLElement,
  ) {
    this.progressLabel = h('span', null);
    this.progress = h(
      'div',
      { class: 'fb-progress', hidden: true },
      h('span', { class: 'spinner' }),
      this.progressLabel,
    );
    this.message = h('div', { class: 'fb-message', id: uid('feedback'), tabindex: -1, hidden: true });
    this.el = h('div', { class: 'feedback', 'data-role': 'feedback', hidden: true }, this.progress, this.message);
    // A redraw that takes the box with it: put it back at the foot, so what is said stays seen.
    new MutationObserver(() => {
      if (!this.el.isConnected && this.home?.isConnected && !this.el.hidden) this.home.appendChild(this.el);
    }).observe(panel, { childList: true, subtree: true });
  }

  /** The panel's foot (sticky at the bottom of the sidebar): where the box goes when its control is gone. */
  setHome(home: HTMLElement): void {
    this.home = home;
  }

  /** Puts the box after the row holding `anchor` (a control inside the panel), else at the panel's foot. */
  place(anchor: Element | null | undefined): void {
    const inPanel = anchor && anchor.isConnected && this.panel.contains(anchor) && anchor !== this.panel;
    const row = inPanel ? ((anchor as Element).closest(ROW) ?? anchor) : null;
    if (row && this.panel.contains(row) && row !== this.panel && !row.contains(this.home)) row.after(this.el);
    else this.home?.appendChild(this.el);
    this.el.hidden = false;
  }

  busy(label: string, anchor: Element | null | undefined): void {
    this.place(anchor);
    replace(this.progressLabel, label);
    this.progress.hidden = false;
    this.polite.textContent = label;
    this.reveal();
  }

  idle(label?: string): void {
    this.progress.hidden = true;
    if (label !== undefined && this.polite.textContent === label) this.polite.textContent = '';
    if (!this.shown) this.el.hidden = true;
  }

  /** Shows a message beside `anchor`. An error tied to a field marks it invalid and describes it. */
  say(text: string, tone: Tone, anchor: Element | null | undefined): void {
    this.clearInvalid();
    this.place(anchor);
    this.message.className = `fb-message ${tone}`;
    this.message.setAttribute('data-tone', tone);
    replace(this.message, text);
    this.message.hidden = false;
    this.shown = true;
    if (tone === 'error') {
      this.assertive.textContent = '';
      // A fresh node, so the same sentence said twice is announced twice.
      this.assertive.appendChild(document.createTextNode(text));
      if (anchor instanceof HTMLElement && anchor.matches(FIELD)) {
        anchor.setAttribute('aria-invalid', 'true');
        const described = anchor.getAttribute('aria-describedby');
        anchor.setAttribute('aria-describedby', [described, this.message.id].filter(Boolean).join(' '));
        this.invalid = anchor;
      }
    } else {
      this.polite.textContent = text;
    }
    this.reveal();
  }

  clear(): void {
    this.clearInvalid();
    this.shown = false;
    replace(this.message);
    this.message.hidden = true;
    this.assertive.textContent = '';
    if (this.progress.hidden) this.el.hidden = true;
  }

  /** Where focus goes after an error: the field it is about, else the message itself. */
  focusError(): void {
    if (this.invalid?.isConnected) this.invalid.focus();
    else this.message.focus();
  }

  private clearInvalid(): void {
    if (!this.invalid) return;
    this.invalid.removeAttribute('aria-invalid');
    const rest = (this.invalid.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((id) => id && id !== this.message.id);
    if (rest.length) this.invalid.setAttribute('aria-describedby', rest.join(' '));
    else this.invalid.removeAttribute('aria-describedby');
    this.invalid = null;
  }

  private reveal(): void {
    if (this.el.parentElement !== this.home) this.el.scrollIntoView?.({ block: 'nearest' });
  }
}
