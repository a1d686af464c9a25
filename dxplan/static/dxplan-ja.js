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
  // furo hard-codes three English aria-labels in page.html.
  const set = (selector, label) => {
    for (const el of document.querySelectorAll(selector)) el.setAttribute("aria-label", label);
  };
  set(".theme-toggle", "配色（ライト・ダーク・自動）を切り替え");
  set("label[for='__navigation']", "サイトナビゲーションを開閉");
  set("label[for='__toc']", "このページの目次を開閉");
  // Wide tables scroll inside a focusable, labelled region (WCAG 2.1.1, 1.4.10).
  for (const table of document.querySelectorAll("article table:not(.need)")) {
    if (table.closest(".dxplan-scroll")) continue;
    const region = document.createElement("div");
    region.className = "dxplan-scroll";
    region.tabIndex = 0;
    region.setAttribute("role", "region");
    const caption = table.querySelector("caption");
    region.setAttribute("aria-label", caption ? caption.textContent.trim() : "表");
    table.parentNode.insertBefore(region, table);
    region.appendChild(table);
  }
})();
