// Shared by the three bench pages: frame-accurate timing and the adapter
// the harness (grid-bench.mjs) drives through `window.gridBench`.
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

const FRAME_MS = 1000 / 60;
let phases = 0;

/**
 * Waits for a frame, then a further 0–16.7 ms: the next action starts at
 * an even spread of points in the frame (a golden-ratio sequence). Started
 * right after the previous measurement's frame instead, every action would
 * start at the same point, and any grid done within one frame would
 * measure one frame, however fast it is.
 */
async function spreadPhase() {
  await frame();
  phases += 1;
  const wait = ((phases * 0.6180339887) % 1) * FRAME_MS;
  const until = performance.now() + wait;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait - 4)));
  while (performance.now() < until) {
    // The last few ms spun: a timer alone is not that precise.
  }
}

/**
 * Runs `action` at the next point of the spread, then waits frame by frame
 * (requestAnimationFrame, then a setTimeout 0 so the frame is produced)
 * until `done()` holds; the time from before `action` to that point, in
 * ms. `ok` is false if it never held (5 s).
 */
async function timed(action, done) {
  await spreadPhase();
  const t0 = performance.now();
  action();
  for (;;) {
    await frame();
    if (done()) return { ms: performance.now() - t0, ok: true };
    if (performance.now() - t0 > 5000) return { ms: performance.now() - t0, ok: false };
  }
}

/** The number in a German amount (`-1.234,50 €`), as every grid of the bench shows it. */
const amountOf = (text) => Number(String(text ?? '').replace(/[^0-9,-]/g, '').replace(',', '.'));

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
