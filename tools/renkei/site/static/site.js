/* renkei public site: the only script. Everything works without it; it adds
 * - the Pagefind search box (its UI script and stylesheet are loaded on demand),
 * - sorting (a button in each heading) and filtering of tables marked "sortable".
 */
(function () {
  "use strict";

  function loadSearch() {
    var box = document.getElementById("search");
    if (!box || typeof window.fetch !== "function") { return; }
    // Pagefind resolves a relative bundle path against its own script, not the page: give it
    // absolute URLs. The index is one bundle per region, listed in bundles.json and merged.
    var base = new URL(box.getAttribute("data-bundle") || "pagefind/", document.baseURI).href;
    window.fetch(base + "bundles.json").then(function (response) {
      return response.ok ? response.json() : [];
    }).then(function (names) {
      if (!names.length) { return; }
      var bundle = base + names[0] + "/";
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = bundle + "pagefind-ui.css";
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = bundle + "pagefind-ui.js";
      script.onload = function () {
        if (typeof window.PagefindUI !== "function") { return; }
        new window.PagefindUI({ element: "#search", bundlePath: bundle, showSubResults: true,
          mergeIndex: names.slice(1).map(function (name) { return { bundlePath: base + name + "/" }; }),
          translations: { placeholder: box.getAttribute("data-label") } });
        var input = box.querySelector("input");
        if (input) { input.setAttribute("aria-label", box.getAttribute("data-label")); }
      };
      document.head.appendChild(script);
    }).catch(function () { /* no index (a site built without search): no search box */ });
  }

  function cellText(row, index) {
    var cell = row.children[index];
    return cell ? cell.textContent.trim() : "";
  }

  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a.replace(/[^0-9.\-]/g, "") ) { return x - y; }
    return a.localeCompare(b, document.documentElement.lang || "ja", { numeric: true });
  }

  function sortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var result = compare(cellText(r1, index), cellText(r2, index));
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function filterable(input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    if (!table) { return; }
    input.closest(".filter").hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = words !== "" && row.textContent.toLowerCase().indexOf(words) < 0;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    loadSearch();
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), sortable);
    Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), filterable);
  });
}());
