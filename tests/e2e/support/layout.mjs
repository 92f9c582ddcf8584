// Layout checks for a rendered screen (issue 18): run in the page, they
// answer what a rep would see as broken, in words, one line per problem:
// - an element whose visible box reaches past the viewport's left or right
//   edge (what is clipped by an ancestor's overflow does not count: it is
//   not seen), or a page that scrolls sideways;
// - two pieces of text drawn over each other (each text's own line boxes,
//   clipped the same way, so a name cut with an ellipsis counts only as far
//   as it shows);
// - a button whose label wraps onto a second line.
// Sticky and fixed boxes are checked like the rest: the checks run with the
// page scrolled to where the test left it.

/** The checks, as a function evaluated in the page (no imports there). */
export function layoutProblems() {
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const shown = (el) => {
    // The content of a closed <details> is not drawn (its summary is).
    const closed = el.closest('details:not([open])');
    if (closed && !el.closest('summary')) return false;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  // The part of `rect` left visible by the overflow clipping of `from` and
  // its ancestors (an element's box is clipped by its ancestors; a text's
  // lines by its own element too: a name cut with an ellipsis).
  const visiblePart = (from, rect) => {
    let r = { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
    for (let a = from; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible' || cs.clipPath !== 'none') {
        const ar = a.getBoundingClientRect();
        r = { left: Math.max(r.left, ar.left), right: Math.min(r.right, ar.right), top: Math.max(r.top, ar.top), bottom: Math.min(r.bottom, ar.bottom) };
      }
    }
    return r;
  };
  const describe = (el) => {
    const id = el.dataset?.testid ? `[data-testid=${el.dataset.testid}]` : el.id ? `#${el.id}` : el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${el.tagName.toLowerCase()}${id}${text ? ` "${text}"` : ''}`;
  };

  if (document.documentElement.scrollWidth > vw + 1) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide in a ${vw}px viewport`);
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const r = visiblePart(el.parentElement, el.getBoundingClientRect());
    if (r.right - r.left <= 0 || r.bottom - r.top <= 0) continue;
    if (r.right > vw + 1 || r.left < -1) problems.push(`past the edge: ${describe(el)} spans ${Math.round(r.left)}–${Math.round(r.right)}px of ${vw}px`);
  }

  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent.trim() || !shown(parent) || ['SCRIPT', 'STYLE', 'OPTION'].includes(parent.tagName)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].map((rect) => visiblePart(parent, rect)).filter((r) => r.right - r.left > 1 && r.bottom - r.top > 1);
    for (const r of lines) texts.push({ node, parent, r });
    // A button's label on more than one line.
    const button = parent.closest('button, .button, [role=button]');
    if (button && lines.length > 1 && new Set(lines.map((r) => Math.round(r.top))).size > 1) problems.push(`a button label wraps: ${describe(button)}`);
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i];
      const b = texts[j];
      if (a.node === b.node) continue;
      const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (x > 2 && y > 2) problems.push(`text over text: ${describe(a.parent)} and ${describe(b.parent)}`);
    }
  }
  return [...new Set(problems)];
}
