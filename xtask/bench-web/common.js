// Shared by the three bench pages: frame-accurate timing and the adapter
// the harness (grid-bench.mjs) drives through `window.gridBench`.
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Runs `action`, then waits frame by frame (requestAnimationFrame, then a
 * setTimeout 0 so the frame is produced) until `done()` holds; the time from
 * before `action` to that point, in ms. `ok` is false if it never held (5 s).
 */
async function timed(action, done) {
  const t0 = performance.now();
  action();
  for (;;) {
    await frame();
    if (done()) return { ms: performance.now() - t0, ok: true };
    if (performance.now() - t0 > 5000) return { ms: performance.now() - t0, ok: false };
  }
}

const amountOf = (text) => Number(String(text ?? '').replace(/[^0-9.-]/g, ''));

/**
 * `grid`: { render(), setNameFilter(text), sortAmount(), shownCount(),
 * domRows(), firstText(column) } where column is 'Name' or 'Amount'.
 */
export function expose(grid) {
  window.gridBench = {
    async render(rows) {
      return timed(() => grid.render(), () => grid.domRows() > 0 && grid.shownCount() === rows);
    },
    async filter(text, expected) {
      const prefix = text.toLowerCase();
      return timed(
        () => grid.setNameFilter(text),
        () => grid.shownCount() === expected && (expected === 0 || (grid.firstText('Name') ?? '').toLowerCase().startsWith(prefix)),
      );
    },
    async sort(expectedFirstAmount) {
      return timed(() => grid.sortAmount(), () => grid.domRows() > 0 && amountOf(grid.firstText('Amount')) === expectedFirstAmount);
    },
    /** Untimed: clears the Name filter and waits for the full list. */
    async clear(rows) {
      return timed(() => grid.setNameFilter(''), () => grid.shownCount() === rows);
    },
  };
  window.gridBenchReady = true;
}
