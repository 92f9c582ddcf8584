// Sidecar contextual insights: reads the current page into a PageSnapshot
// (see snapshot.rs). Injected with chrome.scripting.executeScript; the
// value of the last expression below is the result. Self-contained: no
// network, no globals left behind, nothing written to the page; returns
// plain JSON data with every part bounded. Mirrors html.rs rule for rule.
(() => {
  "use strict";
  const L = {
    text: 20000, value: 2000, metaKeys: 200, metaValues: 30, jsonLd: 20, jsonLdChars: 100000,
    items: 100, props: 30, links: 200, headings: 50, bylines: 20, cards: 100,
  };
  const clip = (s, n) => {
    s = String(s == null ? "" : s);
    return s.length > n ? s.slice(0, n) : s;
  };
  const collapse = (s) => clip(s, L.value * 8).replace(/\s+/g, " ").trim();
  // An element's text as html.rs reads it (not textContent): a block
  // element starts a new word ("Jane Doe" + <div>"Acme"</div> is "Jane Doe
  // Acme", not "Jane DoeAcme"); scripts, styles, templates and the raw-text
  // elements (an SVG icon's <title>, <noscript>, <textarea>) add nothing.
  const BLOCK = new Set(["address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "section", "table", "td", "th", "tr", "ul"]);
  const SILENT = new Set(["script", "style", "template", "textarea", "title", "noscript", "xmp"]);
  const textOf = (el) => {
    if (!el || ["script", "style", "template"].includes(el.localName)) return "";
    let out = "";
    const walk = (node) => {
      for (const c of node.childNodes) {
        if (out.length > L.value * 8) return;
        if (c.nodeType === 3) {
          out += c.data;
        } else if (c.nodeType === 1 && !SILENT.has(c.localName)) {
          if (BLOCK.has(c.localName)) out += " ";
          walk(c);
        }
      }
    };
    walk(el);
    return collapse(out);
  };
  const attr = (el, name) => (el && el.getAttribute ? el.getAttribute(name) : null);
  const classes = (el) => (attr(el, "class") || "").toLowerCase().split(/\s+/).filter(Boolean);
  const isHcard = (el) => { const c = classes(el); return c.includes("h-card") || c.includes("vcard"); };
  const all = (root, sel) => { try { return Array.from(root.querySelectorAll(sel)); } catch (_) { return []; } };
  // Links to an author's page on the site (snapshot.rs AUTHOR_PATHS).
  const AUTHOR_PATHS = ["/author/", "/authors/", "/profile/", "/profiles/", "/people/", "/staff/", "/writer/", "/writers/", "/contributor/",
    "/contributors/", "/editors/", "/journalist/", "/journalists/", "/autor/", "/autoren/", "/auteur/", "/auteurs/"];
  // A comment thread's people are readers, not the page's: its bylines,
  // cards and items are left out (as html.rs does). A comment thread: a
  // class or id like "comments", "comment-author", "js-comments" (not
  // "commentary" or "has-comments"), on the element or an ancestor below
  // <body> (html.rs comment_word).
  const says = (v) => {
    v = v.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const counted = ["has-", "no-", "show-", "with-"].some((p) => v.startsWith(p));
    return ["comment", "comments", "commentlist"].includes(v) || v.startsWith("comment-") || v.startsWith("comments-")
      || (!counted && (v.endsWith("-comment") || v.endsWith("-comments")));
  };
  const inComment = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      if (e.localName === "body" || e.localName === "html") return false;
      if ((attr(e, "class") || "").split(/\s+/).filter(Boolean).some(says) || says(attr(e, "id") || "")) return true;
    }
    return false;
  };

  const snap = {
    url: clip(location.href, L.value),
    title: clip(collapse(document.title), L.value),
    canonical: "",
    meta: {},
    jsonLd: [],
    microdata: [],
    links: [],
    headings: [],
    bylines: [],
    cards: [],
    text: "",
  };

  const canonical = document.querySelector('link[rel~="canonical" i]');
  if (canonical) snap.canonical = clip((attr(canonical, "href") || "").trim(), L.value);

  let metaKeys = 0;
  // `value` where `content` is missing: some saved pages' tooling rewrote
  // every meta that way (html.rs does the same).
  for (const m of all(document, "meta[content], meta[value]")) {
    const key = (attr(m, "name") || attr(m, "property") || "").trim().toLowerCase();
    if (!key) continue;
    if (!Object.prototype.hasOwnProperty.call(snap.meta, key)) {
      if (metaKeys >= L.metaKeys) continue;
      snap.meta[key] = [];
      metaKeys++;
    }
    const content = m.hasAttribute("content") ? attr(m, "content") : attr(m, "value");
    if (snap.meta[key].length < L.metaValues) snap.meta[key].push(clip(content, L.value));
  }

  for (const s of all(document, "script[type]")) {
    if (snap.jsonLd.length >= L.jsonLd) break;
    if ((attr(s, "type") || "").toLowerCase().includes("ld+json")) snap.jsonLd.push(clip(s.textContent, L.jsonLdChars));
  }

  for (const a of all(document, "a[href]")) {
    if (snap.links.length >= L.links) break;
    const href = (attr(a, "href") || "").trim();
    const lower = href.toLowerCase();
    // An author's page once named (html.rs does the same).
    const author = AUTHOR_PATHS.some((p) => lower.includes(p)) && !inComment(a) && !snap.links.some((l) => l.href === href && l.text !== "");
    if (lower.startsWith("mailto:") || lower.startsWith("tel:") || lower.includes("linkedin.com/") || author) {
      snap.links.push({ href: clip(href, L.value), text: clip(textOf(a), L.value) });
    }
  }

  for (const h of all(document, "h1, h2, h3")) {
    if (snap.headings.length >= L.headings) break;
    const t = textOf(h);
    if (t) snap.headings.push(clip(t, L.value));
  }

  for (const el of all(document, '[rel~="author" i], [class*="byline" i], [class*="author" i]')) {
    if (snap.bylines.length >= L.bylines) break;
    if (el.tagName === "META" || el.tagName === "LINK" || isHcard(el) || inComment(el)) continue;
    const t = textOf(el);
    if (t && t.length <= 300 && !snap.bylines.includes(t)) snap.bylines.push(t);
  }

  const pushProp = (props, key, value) => {
    if (!Object.prototype.hasOwnProperty.call(props, key)) {
      if (Object.keys(props).length >= L.props) return;
      props[key] = [];
    }
    if (props[key].length < L.metaValues) props[key].push(clip(value, L.value));
  };
  const propValue = (el) => {
    const content = attr(el, "content");
    if (content != null) return collapse(content);
    const byTag = { A: "href", LINK: "href", AREA: "href", IMG: "src", AUDIO: "src", VIDEO: "src", SOURCE: "src",
      IFRAME: "src", EMBED: "src", TIME: "datetime", META: "content", DATA: "value", METER: "value" }[el.tagName];
    const v = byTag ? attr(el, byTag) : null;
    return v != null ? collapse(v) : textOf(el);
  };
  // Descendants of root, not looking inside elements for which stop() holds.
  const within = (root, stop) => {
    const out = [];
    const walk = (el, depth) => {
      if (depth > 200 || out.length > 5000) return;
      for (const c of el.children) {
        out.push(c);
        if (!stop(c)) walk(c, depth + 1);
      }
    };
    walk(root, 0);
    return out;
  };
  const schemaType = (t) => ((t || "").trim().split(/\s+/)[0] || "").replace(/\/+$/, "").split("/").pop();

  // Microdata items (`itemscope`, any element, `<meta>` too) and
  // microformats (h-card/vcard) in one pass, in document order, as html.rs
  // reads them: an element that is both gives the item, then the h-card.
  const VCARD = ["fn", "n", "org", "title", "role", "email", "tel", "url", "note"];
  const scoped = (x) => x.hasAttribute("itemscope");
  for (const el of all(document, "[itemscope], [class]")) {
    if (snap.microdata.length >= L.items) break;
    if (inComment(el)) continue;
    if (scoped(el)) {
      const item = { type: clip(schemaType(attr(el, "itemtype")), 200), props: {} };
      let nodes = within(el, scoped);
      for (const id of (attr(el, "itemref") || "").split(/\s+/).filter(Boolean).slice(0, 10)) {
        const target = document.getElementById(id);
        if (target && target !== el) nodes = nodes.concat([target], within(target, scoped));
      }
      for (const n of nodes) {
        const props = attr(n, "itemprop");
        if (!props) continue;
        let value;
        if (n.hasAttribute("itemscope")) {
          const name = within(n, scoped).find((x) => attr(x, "itemprop") === "name");
          value = name ? propValue(name) : textOf(n);
        } else {
          value = propValue(n);
        }
        for (const p of props.split(/\s+/).filter(Boolean).slice(0, 5)) pushProp(item.props, p, value);
      }
      snap.microdata.push(item);
    }
    if (isHcard(el) && snap.microdata.length < L.items) {
      const item = { type: "h-card", props: {} };
      for (const n of within(el, isHcard)) {
        if (isHcard(n)) continue;
        for (const c of classes(n)) {
          const isProp = ["p-", "u-", "e-", "dt-"].some((p) => c.startsWith(p)) || VCARD.includes(c);
          if (!isProp) continue;
          const href = attr(n, "href");
          const value = (c.startsWith("u-") || c === "email" || c === "url" || c === "tel") && href != null
            ? collapse(href) : textOf(n);
          pushProp(item.props, c, value);
        }
      }
      snap.microdata.push(item);
    }
  }

  const CARD = ["card", "team-member", "person", "member", "profile", "staff", "bio", "speaker", "employee"];
  const cardLike = (el) => classes(el).some((k) => CARD.some((c) => k === c || k.startsWith(c + "-") || k.endsWith("-" + c)));
  const exactCard = (el) => classes(el).some((k) => CARD.includes(k));
  const isName = (el) => ["H2", "H3", "H4", "H5", "H6", "STRONG", "B"].includes(el.tagName)
    || classes(el).some((c) => c === "name" || c === "p-name" || c === "fn") || attr(el, "itemprop") === "name";
  for (const el of all(document, "[class]")) {
    if (snap.cards.length >= L.cards) break;
    if (!cardLike(el) || inComment(el)) continue;
    const text = textOf(el);
    if (!text || text.length > 600) continue;
    const desc = all(el, "*");
    if (desc.some(exactCard)) continue;
    const nameEl = desc.find(isName);
    if (!nameEl) continue;
    const titleEl = desc.find((d) => ["title", "role", "position", "job"].some((k) => (attr(d, "class") || "").toLowerCase().includes(k))
      || attr(d, "itemprop") === "jobTitle");
    let title = titleEl ? textOf(titleEl) : "";
    if (!titleEl) {
      const after = desc.filter((d) => d.tagName === "P" && (nameEl.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING));
      const t = after.map(textOf).find((t) => t && !t.includes("@"));
      title = t || "";
    }
    const hrefOf = (pred) => {
      const a = desc.map((d) => (attr(d, "href") || "").trim()).find((h) => h && pred(h.toLowerCase()));
      return a || "";
    };
    snap.cards.push({
      name: clip(textOf(nameEl), L.value),
      title: clip(title, L.value),
      email: clip(hrefOf((h) => h.startsWith("mailto:")), L.value),
      linkedin: clip(hrefOf((h) => h.includes("linkedin.com/")), L.value),
      text: clip(text, L.value),
    });
  }

  // Visible text: innerText skips hidden elements, scripts and styles. Form
  // fields' values are never part of it.
  const body = document.body;
  const raw = body ? clip(body.innerText || "", L.text * 4) : "";
  snap.text = clip(raw.split("\n").map((l) => l.replace(/\s+/g, " ").trim()).filter(Boolean).join("\n"), L.text);
  return snap;
})();
