import { el } from './dom';

export interface PaletteItem {
  kind: 'market' | 'panel' | 'action';
  label: string;
  hint: string;
  run: () => void | Promise<void>;
}

/** Subsequence match score (lower is better); -1 when `query` is not a subsequence of `text`. */
export function matchScore(query: string, text: string): number {
  const q = query.trim().toLowerCase();
  const t = text.toLowerCase();
  if (!q) return 0;
  const direct = t.indexOf(q);
  if (direct >= 0) return direct;
  let score = 100;
  let from = 0;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = t.indexOf(ch, from);
    if (at < 0) return -1;
    score += at - from;
    from = at + 1;
  }
  return score;
}

export function rank(items: PaletteItem[], query: string, limit = 30): PaletteItem[] {
  return items
    .map((item) => ({ item, score: matchScore(query, `${item.label} ${item.hint}`) }))
    .filter((x) => x.score >= 0)
    .sort((a, b) => a.score - b.score || a.item.label.localeCompare(b.item.label))
    .slice(0, limit)
    .map((x) => x.item);
}

/** The Cmd/Ctrl-K command palette: markets, panels and actions, keyboard driven. */
export class Palette {
  private readonly dialog: HTMLDivElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private shown: PaletteItem[] = [];
  private active = 0;
  private lastFocus: Element | null = null;

  constructor(private readonly items: () => PaletteItem[]) {
    this.input = el('input', { type: 'text', id: 'palette-input', placeholder: 'Search markets, panels, actions…', 'aria-label': 'Command palette', autocomplete: 'off', spellcheck: 'false' });
    this.list = el('ul', { class: 'palette-list', role: 'listbox', id: 'palette-list' });
    this.dialog = el('div', { class: 'palette-backdrop', hidden: '' },
      el('div', { class: 'palette', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Command palette' }, this.input, this.list));
    document.body.append(this.dialog);
    this.dialog.addEventListener('mousedown', (e) => {
      if (e.target === this.dialog) this.close();
    });
    this.input.addEventListener('input', () => this.render());
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') { this.move(1); e.preventDefault(); }
      else if (e.key === 'ArrowUp') { this.move(-1); e.preventDefault(); }
      else if (e.key === 'Enter') { void this.choose(this.shown[this.active]); e.preventDefault(); }
      else if (e.key === 'Escape') { this.close(); e.preventDefault(); }
    });
    window.addEventListener('keydown', (e) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        this.isOpen ? this.close() : this.open();
      }
    });
  }

  get isOpen(): boolean {
    return !this.dialog.hidden;
  }

  open(query = ''): void {
    this.lastFocus = document.activeElement;
    this.dialog.hidden = false;
    this.input.value = query;
    this.render();
    this.input.focus();
  }

  close(): void {
    this.dialog.hidden = true;
    if (this.lastFocus instanceof HTMLElement) this.lastFocus.focus();
  }

  private move(d: number): void {
    if (!this.shown.length) return;
    this.active = (this.active + d + this.shown.length) % this.shown.length;
    this.render(false);
  }

  private async choose(item: PaletteItem | undefined): Promise<void> {
    if (!item) return;
    this.close();
    await item.run();
  }

  private render(reset = true): void {
    if (reset) {
      this.shown = rank(this.items(), this.input.value);
      this.active = 0;
    }
    this.list.replaceChildren(...this.shown.map((item, k) => {
      const li = el('li', { role: 'option', class: k === this.active ? 'active' : '', 'aria-selected': String(k === this.active), 'data-kind': item.kind },
        el('span', { class: 'kind', text: item.kind }), el('span', { class: 'label', text: item.label }), el('span', { class: 'hint', text: item.hint }));
      li.addEventListener('mousedown', (e) => { e.preventDefault(); void this.choose(item); });
      return li;
    }));
    if (!this.shown.length) this.list.append(el('li', { class: 'empty', text: 'No match' }));
  }
}
