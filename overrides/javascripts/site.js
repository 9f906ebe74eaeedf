/* Small accessibility fixes to Material's behaviour, run on every page (and after instant
   navigation). Served from the site itself. */
document$.subscribe(function () {
  /* The search page: Pagefind's UI, with filters, fed by ?q= from the header form. */
  var mount = document.getElementById("crl-search");
  if (mount && window.PagefindUI && !mount.dataset.ready) {
    mount.dataset.ready = "1";
    var ui = new PagefindUI({
      element: "#crl-search", bundlePath: mount.dataset.bundle, showImages: false,
      resetStyles: false, showSubResults: true, translations: {placeholder: "Search this site"},
      /* Titles and excerpts without the headings' permalink glyph, and each result's type
         (fact sheet, theme, ...) after its title. */
      processResult: function (result) {
        var clean = function (text) { return (text || "").replace(/\s*[\u00b6#]\s*$/, "").replace(/\u00b6/g, ""); };
        var type = result.filters && result.filters.type && result.filters.type[0];
        result.meta.title = clean(result.meta.title) + (type ? " \u00b7 " + type : "");
        result.excerpt = clean(result.excerpt);
        (result.sub_results || []).forEach(function (sub) {
          sub.title = clean(sub.title);
          sub.excerpt = clean(sub.excerpt);
        });
        return result;
      }
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  }
  /* Tables that scroll sideways must be reachable and named for keyboard users (WCAG 2.1.1). */
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Table (scroll sideways to see all columns)");
  });
  /* Downloads: show the filter form and hide the rows that do not match every choice. */
  document.querySelectorAll("form.crl-dlfilter[data-table]").forEach(function (form) {
    var table = document.getElementById(form.getAttribute("data-table"));
    if (!table || form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;
    var status = form.querySelector("[role=status]");
    var selects = form.querySelectorAll("select");
    var apply = function () {
      var rows = table.querySelectorAll("tbody tr");
      var shown = 0;
      rows.forEach(function (row) {
        var match = true;
        selects.forEach(function (select) {
          var want = select.value;
          var key = select.getAttribute("data-key");
          var have = (row.getAttribute("data-" + key) || "").split(key === "format" ? "|" : " ");
          if (want && have.indexOf(want) === -1) match = false;
        });
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = shown + " of " + rows.length + " downloads shown";
    };
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  });
  /* Register filter: a text box that hides table rows not containing what is typed. */
  document.querySelectorAll(".crl-filter[data-table]").forEach(function (box) {
    if (box.querySelector("input")) return;
    var table = document.getElementById(box.getAttribute("data-table"));
    if (!table) return;
    var label = document.createElement("label");
    label.textContent = "Filter reviews ";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "crl-filter__input";
    label.appendChild(input);
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    box.appendChild(label);
    box.appendChild(status);
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var match = row.textContent.toLowerCase().indexOf(query) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = shown + " reviews shown";
    });
  });
  /* Keyboard: the first of each abbreviation on a page takes focus, which opens its meaning
     (Material's tooltip) as a tap or the pointer does; later ones stay out of the tab order. */
  var seen = {};
  document.querySelectorAll("article abbr[title]").forEach(function (abbr) {
    if (seen[abbr.title]) return;
    seen[abbr.title] = true;
    abbr.tabIndex = 0;
  });
  /* Phones: a table of four or more columns, or one wider than its column, or with long text
     in its cells, reads as one short entry per row (site.css), each cell named by its
     column's heading, not as a table to scroll sideways or a tall, narrow column. The
     register and the downloads have layouts of their own. */
  document.querySelectorAll("article table").forEach(function (table) {
    if (table.hasAttribute("data-crl-stack") || table.closest("#register-table, .crl-tablewrap")) return;
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    var wide = table.scrollWidth > table.closest("article").clientWidth + 1;
    var wordy = Array.prototype.some.call(table.querySelectorAll("tbody td"), function (cell) {
      return cell.textContent.length > 80;
    });
    if (heads.length < 2 || (heads.length < 4 && !wide && !wordy)) return;
    /* A sheet to fill in (every cell blank after the first column, such as a training pack's
       blank timeline) keeps its blank cells, each named, so a phone shows what it asks for. */
    var later = table.querySelectorAll("tbody td:not(:first-child)");
    if (later.length && Array.prototype.every.call(later, function (cell) {
      return cell.textContent.trim() === "";
    })) table.setAttribute("data-crl-form", "");
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i]) cell.setAttribute("data-label", heads[i]);
        /* A dash or nothing: no entry to name, so it is left out of the stacked row. */
        if (/^[\u2013\u2014-]?$/.test(cell.textContent.trim())) cell.setAttribute("data-crl-blank", "");
        /* A row that starts with a bare number ("10" minutes) names it, as its other cells. */
        if (i === 0 && /^\d+$/.test(cell.textContent.trim())) cell.setAttribute("data-crl-number", "");
      });
    });
    table.setAttribute("data-crl-stack", "");
  });
});
