// The plain-JavaScript reference grid of the browser bench: what a competent
// engineer would write by hand, no framework, for the same job as the
// Workspace grid. Same columns and data, the same CSS (sidecar.css), rows
// virtualized at 32 px (only the window in view plus 8 rows either side are
// in the DOM, recycled from a pool), a case-insensitive "starts with"
// filter per column and a type-aware, stable sort (numbers, ISO dates,
// picklist order, text in natural order), nulls last.
import { STAGES } from './data.js';

const ROW_HEIGHT = 32;
const OVERSCAN = 8;

// German formats, as the Workspace grid of the bench shows them (a de_DE
// rep: `1.234,50 €`, `31.12.2026`, `90 %`).
const money = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const collator = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });
const stageRank = new Map(STAGES.map((s, i) => [s, i]));

/** Column: key, label, get(record), format(value), compare(a, b) on values. */
const COLUMNS = [
  { key: 'Name', label: 'Name', get: (r) => r.Name, format: String, compare: collator.compare },
  { key: 'Account.Name', label: 'Account Name', get: (r) => r.Account?.Name, format: String, compare: collator.compare },
  { key: 'Amount', label: 'Amount', get: (r) => r.Amount, format: (v) => `${money.format(v)}\u00a0€`, compare: (a, b) => a - b },
  { key: 'CloseDate', label: 'Close Date', get: (r) => r.CloseDate, format: (v) => `${v.slice(8, 10)}.${v.slice(5, 7)}.${v.slice(0, 4)}`, compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0) },
  { key: 'StageName', label: 'Stage', get: (r) => r.StageName, format: String, compare: (a, b) => (stageRank.get(a) ?? 1e9) - (stageRank.get(b) ?? 1e9) },
  { key: 'Probability', label: 'Probability (%)', get: (r) => r.Probability, format: (v) => `${whole.format(v)}\u00a0%`, compare: (a, b) => a - b },
];

const TEMPLATE = `2.25rem repeat(${COLUMNS.length}, minmax(0, 1fr)) minmax(6rem, 0.8fr)`;
const isEmpty = (v) => v === null || v === undefined || v === '';

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export class ReferenceGrid {
  /**
   * Builds the empty grid (header, filter boxes, body) inside `parent`, as
   * the Workspace shows it once it knows the columns, before the records
   * arrive; `load` then shows them.
   */
  constructor(parent) {
    const ncols = COLUMNS.length;
    this.values = [];
    this.display = [];
    this.lower = [];
    this.filters = new Array(ncols).fill('');
    this.sort = null; // { column, descending }
    this.visible = [];
    this.pool = [];
    this.start = 0;
    this.end = 0;

    const grid = el('div', 'grid');
    grid.setAttribute('role', 'grid');
    const head = el('div', 'grid-head');
    const header = el('div', 'grid-row grid-header');
    const filters = el('div', 'grid-row grid-filters');
    header.style.gridTemplateColumns = filters.style.gridTemplateColumns = TEMPLATE;
    header.append(el('div', 'grid-check'));
    filters.append(el('div', 'grid-check'));
    this.sortButtons = COLUMNS.map((column, c) => {
      const cell = el('div', 'grid-cell grid-heading');
      const button = el('button', 'grid-sort');
      button.type = 'button';
      button.dataset.column = column.key;
      const label = el('span', 'truncate', column.label);
      button.append(label, el('span', '', ''));
      button.addEventListener('click', () => this.sortBy(c));
      cell.append(button);
      header.append(cell);
      const fcell = el('div', 'grid-cell');
      const input = el('input', 'grid-filter');
      input.type = 'search';
      input.placeholder = 'Starts with…';
      input.dataset.column = column.key;
      input.addEventListener('input', () => this.setFilter(c, input.value));
      fcell.append(input);
      filters.append(fcell);
      return button;
    });
    header.append(el('div', 'grid-cell grid-heading', 'Status'));
    filters.append(el('div', 'grid-cell'));
    head.append(header, filters);
    this.filterInputs = [...filters.querySelectorAll('input')];

    this.body = el('div', 'grid-body');
    this.canvas = el('div', 'grid-canvas');
    this.body.append(this.canvas);
    this.body.addEventListener('scroll', () => this.renderWindow(), { passive: true });
    grid.append(head, this.body);
    parent.append(grid);
    this.grid = grid;
    this.viewport = this.body.clientHeight || 640;
    this.refresh();
  }

  /** Shows `records` (replacing any shown). */
  load(records) {
    const ncols = COLUMNS.length;
    // Per row: raw values, shown texts and their lowercase forms, computed once.
    this.values = new Array(records.length);
    this.display = new Array(records.length);
    this.lower = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const values = new Array(ncols);
      const display = new Array(ncols);
      const lower = new Array(ncols);
      for (let c = 0; c < ncols; c++) {
        const v = COLUMNS[c].get(records[i]);
        values[c] = v;
        display[c] = isEmpty(v) ? '' : COLUMNS[c].format(v);
        lower[c] = display[c].toLowerCase();
      }
      this.values[i] = values;
      this.display[i] = display;
      this.lower[i] = lower;
    }
    this.refresh();
  }

  setFilter(column, text) {
    this.filters[column] = text;
    this.refresh();
  }

  /** Ascending, then descending, as the Workspace grid. */
  sortBy(column) {
    const descending = this.sort !== null && this.sort.column === column && !this.sort.descending;
    this.sort = { column, descending };
    this.sortButtons.forEach((b, c) => {
      b.lastChild.textContent = c === column ? (descending ? ' ▼' : ' ▲') : '';
    });
    this.refresh();
  }

  /** Recomputes the visible rows (filter, then sort) and renders the window. */
  refresh() {
    const active = [];
    this.filters.forEach((f, c) => {
      const t = f.trim().toLowerCase();
      if (t) active.push([c, t]);
    });
    const visible = [];
    const n = this.lower.length;
    outer: for (let i = 0; i < n; i++) {
      const lower = this.lower[i];
      for (let k = 0; k < active.length; k++) {
        if (!lower[active[k][0]].startsWith(active[k][1])) continue outer;
      }
      visible.push(i);
    }
    if (this.sort) {
      const { column, descending } = this.sort;
      const cmp = COLUMNS[column].compare;
      const values = this.values;
      const sign = descending ? -1 : 1;
      visible.sort((a, b) => {
        const va = values[a][column];
        const vb = values[b][column];
        const ea = isEmpty(va);
        const eb = isEmpty(vb);
        if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
        return sign * cmp(va, vb);
      });
    }
    this.visible = visible;
    this.canvas.style.height = `${visible.length * ROW_HEIGHT}px`;
    this.grid.dataset.count = String(visible.length);
    this.renderWindow(true);
  }

  renderWindow(force = false) {
    const count = this.visible.length;
    const first = Math.max(0, Math.floor(this.body.scrollTop / ROW_HEIGHT));
    const inView = Math.ceil(this.viewport / ROW_HEIGHT) + 1;
    const start = Math.min(Math.max(0, first - OVERSCAN), count);
    const end = Math.min(first + inView + OVERSCAN, count);
    if (!force && start === this.start && end === this.end) return;
    this.start = start;
    this.end = end;
    const needed = end - start;
    while (this.pool.length < needed) this.pool.push(this.makeRow());
    for (let k = 0; k < this.pool.length; k++) {
      const row = this.pool[k];
      if (k >= needed) {
        if (row.el.parentNode) row.el.remove();
        continue;
      }
      const position = start + k;
      const index = this.visible[position];
      if (row.index !== index) {
        const display = this.display[index];
        for (let c = 0; c < row.cells.length; c++) {
          row.cells[c].textContent = display[c];
          row.cells[c].parentNode.title = display[c];
        }
        row.index = index;
      }
      if (row.position !== position) {
        row.el.style.transform = `translateY(${position * ROW_HEIGHT}px)`;
        row.el.dataset.position = String(position);
        row.position = position;
      }
      if (!row.el.parentNode) this.canvas.append(row.el);
    }
  }

  makeRow() {
    const row = el('div', 'grid-row');
    row.setAttribute('role', 'row');
    row.style.gridTemplateColumns = TEMPLATE;
    const check = el('div', 'grid-check');
    const box = el('button', 'grid-checkbox');
    box.type = 'button';
    box.setAttribute('role', 'checkbox');
    box.setAttribute('aria-checked', 'false');
    check.append(box);
    row.append(check);
    const cells = COLUMNS.map((column) => {
      const cell = el('div', 'grid-cell');
      cell.dataset.column = column.key;
      const text = el('span', 'truncate');
      cell.append(text);
      row.append(cell);
      return text;
    });
    row.append(el('div', 'grid-cell grid-status'));
    return { el: row, cells, index: -1, position: -1 };
  }

  /** For the bench: rows in the DOM, rows shown, and a cell of the first. */
  domRows() {
    return this.canvas.childElementCount;
  }

  shownCount() {
    return this.visible.length;
  }

  /** Read from the DOM, as for the other grids. */
  firstText(key) {
    return this.canvas.querySelector(`[data-position="0"] [data-column="${key}"]`)?.textContent;
  }
}
