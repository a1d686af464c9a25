// Japanese labels the HTML does not carry by itself. Deferred, and loaded before
// needstable.js (lower priority), so the tables are labelled before they are enhanced.
(() => {
  const needstableLabels = {
    search: "表内を検索", rowsPerPage: "表示件数", all: "すべて", columns: "表示する列",
    copy: "コピー", csv: "CSV", info: "{total}件中 {start}〜{end}件を表示",
    empty: "該当する行はありません", pagination: "ページ送り", previous: "前へ",
    next: "次へ", sort: "{column}で並べ替え",
  };
  for (const table of document.querySelectorAll("table.NEEDS_DATATABLES")) {
    table.setAttribute("data-needstable-labels", JSON.stringify(needstableLabels));
    // Paging removes rows from the DOM (print, Ctrl+F): show every row unless a table says otherwise.
    if (!table.hasAttribute("data-needstable-page-size")) {
      table.setAttribute("data-needstable-page-size", "0");
      table.setAttribute("data-needstable-page-sizes", "0,10,50");
    }
  }
  // Print: Chrome leaves form controls out of a repeated header row, and needstable.js moves
  // each header's text into a sort button; the header keeps its text in an attribute that
  // the print style shows instead (dxplan-print.css).
  for (const header of document.querySelectorAll("table.NEEDS_DATATABLES > thead th")) {
    header.setAttribute("data-print-label", header.textContent.trim());
  }
  // furo hard-codes three English aria-labels in page.html: on the theme buttons and on
  // the two sidebar checkboxes (not on their <label>s, where aria-label is not allowed).
  const set = (selector, label) => {
    for (const el of document.querySelectorAll(selector)) el.setAttribute("aria-label", label);
  };
  set(".theme-toggle", "配色（ライト・ダーク・自動）を切り替え");
  set("input#__navigation", "サイトナビゲーションを開閉");
  set("input#__toc", "このページの目次を開閉");
  set("aside.sidebar-drawer", "サイトナビゲーション");
  set("aside.toc-drawer", "このページの目次");
  // furo opens its drawers and sidebar sub-lists with <label for=…> on hidden checkboxes:
  // empty labels, two labels for one control, and a label for a control that is not
  // rendered (IBM Equal Access: label_ref_valid, label_content_exists, form_label_unique).
  // Each icon label becomes a named button that toggles its checkbox (needs-a11y.css gives
  // it furo's label styles); the full-screen backdrops, a second way to close a drawer by
  // mouse, become plain <div>s hidden from assistive technology.
  for (const label of document.querySelectorAll("label[for]")) {
    const input = document.getElementById(label.htmlFor);
    if (!input || input.type !== "checkbox" || label.textContent.trim()) continue;
    const overlay = label.matches(".overlay");
    const control = document.createElement(overlay ? "div" : "span");
    control.className = label.className;
    control.append(...label.childNodes);
    control.addEventListener("click", () => input.click());
    label.replaceWith(control);
    if (overlay) {
      control.setAttribute("aria-hidden", "true");
      continue;
    }
    control.classList.add("dxplan-toggle");
    control.setAttribute("role", "button");
    control.tabIndex = 0;
    control.setAttribute("aria-label", input.getAttribute("aria-label") || "開閉");
    const expanded = () => control.setAttribute("aria-expanded", String(input.checked));
    expanded();
    input.addEventListener("change", expanded);
    control.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); input.click(); }
    });
  }
  // Icons beside a text or inside a named control say nothing by themselves.
  for (const svg of document.querySelectorAll("svg:not([role]):not([aria-label]):not([aria-labelledby])")) {
    if (!svg.closest("pre.mermaid")) svg.setAttribute("aria-hidden", "true");
  }
  // sphinxcontrib-mermaid builds a full-screen button and dialog with English labels after
  // the diagrams render, and its button glyph ⛶ is missing from common Japanese fonts.
  const mermaidLabels = {
    "View diagram in fullscreen": "図を全画面で表示",
    "Fullscreen diagram viewer": "図の全画面表示",
    "Close fullscreen": "全画面表示を閉じる",
  };
  const relabel = (root) => {
    const els = [root, ...root.querySelectorAll("[aria-label], button.mermaid-fullscreen-btn")];
    for (const el of els) {
      const label = mermaidLabels[el.getAttribute("aria-label")];
      if (label) el.setAttribute("aria-label", label);
      if (el.matches("button.mermaid-fullscreen-btn") && el.textContent.trim() === "⛶") el.textContent = "全画面";
    }
  };
  // Mermaid's gantt axis can only print 西暦 (axisFormat %Y年): readers get 令和N年 like
  // everywhere else on the site (the calendar year of the tick, not a 年度).
  const wareki = (root) => {
    for (const text of root.querySelectorAll(".tick text")) {
      const m = /^(\d{4})年$/.exec(text.textContent.trim());
      const n = m ? Number(m[1]) - 2018 : 0;
      if (n >= 1) text.textContent = `令和${n === 1 ? "元" : n}年`;
    }
  };
  // Only the added elements are looked at; Mermaid's module script also runs on pages
  // without a diagram (genindex, search), where it still builds the dialog.
  new MutationObserver((mutations) => {
    for (const m of mutations) for (const node of m.addedNodes) if (node.nodeType === 1) { relabel(node); wareki(node); }
  }).observe(document.body, { childList: true, subtree: true });

  // Wide tables scroll inside a focusable, labelled region (WCAG 2.1.1, 1.4.10), so a
  // keyboard user can scroll them with the arrow keys.
  const makeRegion = (region, table) => {
    region.classList.add("dxplan-scroll");
    region.tabIndex = 0;
    region.setAttribute("role", "region");
    // The caption's text without its ¶ permalink.
    const caption = table.querySelector("caption .caption-text") || table.querySelector("caption");
    region.setAttribute("aria-label", caption ? caption.textContent.replace(/¶/g, "").trim() : `${sectionTitle(table)}の表`);
  };
  // A table without a caption is named after its section's heading.
  const sectionTitle = (table) => {
    const heading = table.closest("section")?.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4");
    return heading ? heading.textContent.replace(/¶/g, "").trim() : document.title.split(" - ")[0];
  };
  // Two regions with one name cannot be told apart in a landmark list: number the repeats.
  const uniqueLabels = () => {
    const seen = new Map();
    for (const region of document.querySelectorAll(".dxplan-scroll[aria-label]")) {
      const label = region.getAttribute("aria-label");
      const n = (seen.get(label) || 0) + 1;
      seen.set(label, n);
      if (n > 1) region.setAttribute("aria-label", `${label}（${n}）`);
    }
  };
  const wrapTables = () => {
    for (const table of document.querySelectorAll("article table:not(.need)")) {
      if (table.closest(".dxplan-scroll")) continue;
      // needstable.js already put an interactive table in its own scrolling frame: that
      // frame is what scrolls, so it is the one that must take focus.
      const frame = table.closest(".needstable-scroll");
      if (frame) {
        makeRegion(frame, table);
        continue;
      }
      const region = document.createElement("div");
      table.parentNode.insertBefore(region, table);
      region.appendChild(table);
      makeRegion(region, table);
    }
    uniqueLabels();
  };
  // Search result snippets are a page's text: leave out the Mermaid source of diagrams (the
  // list or table beside each diagram says the same in words). searchtools.js has run by now
  // (deferred scripts run after parsing) and starts searching at DOMContentLoaded.
  if (typeof Search !== "undefined" && typeof Search.htmlToText === "function") {
    const htmlToText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      for (const diagram of doc.querySelectorAll("pre.mermaid")) diagram.remove();
      return htmlToText(doc.documentElement.outerHTML, anchor);
    };
  }

  // needstable.js runs after this file; DOMContentLoaded comes after every deferred script.
  if (document.readyState === "loading" || document.readyState === "interactive") {
    document.addEventListener("DOMContentLoaded", wrapTables);
  } else {
    wrapTables();
  }
})();

// ---- Diagrams and wide tables on a phone (issue 18) ----
(() => {
  // A diagram is never drawn below 0.8 of its natural size, so Mermaid's 16 px labels stay at
  // 12.8 px or more; a wider diagram scrolls sideways inside its frame (dxplan-diagram-scroll).
  const MIN_SCALE = 0.8;
  let hints = 0;
  // A frame that scrolls says so in a visible sentence before it (and as its description);
  // the sentence is hidden whenever everything fits.
  const scrollHint = (frame, text) => {
    if (frame.dxplanHint) return;
    const hint = document.createElement("p");
    hint.className = "dxplan-scroll-hint";
    hint.id = `dxplan-scroll-hint-${++hints}`;
    hint.textContent = text;
    frame.before(hint);
    const update = () => {
      const wide = frame.scrollWidth > frame.clientWidth + 1;
      hint.hidden = !wide;
      if (wide) frame.setAttribute("aria-describedby", hint.id);
      else frame.removeAttribute("aria-describedby");
    };
    const watch = new ResizeObserver(update);
    watch.observe(frame);
    if (frame.firstElementChild) watch.observe(frame.firstElementChild);
    frame.dxplanHint = update;
    update();
  };
  const diagramFrame = (frame) => {
    if (frame.hasAttribute("role")) return;
    const caption = frame.closest(".dxplan-diagram")?.querySelector(".dxplan-diagram-caption");
    frame.tabIndex = 0;
    frame.setAttribute("role", "region");
    frame.setAttribute("aria-label", caption ? caption.textContent.trim() : "図");
    scrollHint(frame, "図は横にスクロールできます。");
  };
  const readable = (svg) => {
    if (!svg.matches("pre.mermaid > svg") || svg.closest(".mermaid-fullscreen-modal")) return;
    const width = svg.viewBox?.baseVal?.width;
    if (width) {
      svg.style.minWidth = `${Math.ceil(width * MIN_SCALE)}px`;
      // Nor above it (sphinxcontrib-mermaid stretches every diagram to the full width, which
      // blew a narrow timeline up to 24 px text, 1,800 px tall on a phone).
      svg.style.setProperty("max-width", `min(100%, ${Math.ceil(width)}px)`, "important");
    }
    svg.closest(".dxplan-diagram-scroll")?.dxplanHint?.();
  };
  new MutationObserver((mutations) => {
    for (const m of mutations) for (const node of m.addedNodes) {
      if (node.nodeType !== 1) continue;
      if (node.matches("svg")) readable(node);
      else for (const svg of node.querySelectorAll("pre.mermaid > svg")) readable(svg);
    }
  }).observe(document.body, { childList: true, subtree: true });
  const start = () => {
    for (const frame of document.querySelectorAll(".dxplan-diagram-scroll")) diagramFrame(frame);
    // Table regions are made by the block above, on DOMContentLoaded, before this runs.
    for (const region of document.querySelectorAll("article .dxplan-scroll")) {
      if (region.querySelector("table")) scrollHint(region, "表は横にスクロールできます。");
    }
  };
  if (document.readyState === "loading" || document.readyState === "interactive") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
