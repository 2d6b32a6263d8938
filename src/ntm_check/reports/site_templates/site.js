// ntm-check site: sort the units table and filter the table and tiles. No data is fetched and
// nothing is written into the page as HTML: rows and tiles are only reordered or hidden.
"use strict";
(function () {
  function sortValue(cell, type) {
    var raw = cell ? cell.getAttribute("data-sort") || cell.textContent : "";
    if (type === "number") { var n = parseFloat(raw); return isNaN(n) ? -Infinity : n; }
    return raw;
  }
  // Vietnamese order: Đ after D, not after Y (the page is built in that order)
  var collator = new Intl.Collator(document.documentElement.lang || "vi", {sensitivity: "base"});
  function makeSortable(table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, index) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var type = th.getAttribute("data-type");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortValue(a.cells[index], type), y = sortValue(b.cells[index], type);
          var order = type === "number" ? (x < y ? -1 : x > y ? 1 : 0) : collator.compare(x, y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  // "tan yen" finds "Tân Yên": marks and the đ stroke do not matter, as people type names
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLocaleLowerCase();
  }
  function filter() {
    var q = fold(document.getElementById("q").value || "");
    var verdict = document.getElementById("verdict").value;
    var shown = 0;
    document.querySelectorAll("#units tbody tr, #tiles .tile").forEach(function (item) {
      var name = fold(item.getAttribute("data-name") || "");
      var unit = fold(item.getAttribute("data-unit") || "");
      var keep = (!q || name.indexOf(q) >= 0 || unit.indexOf(q) >= 0) &&
                 (!verdict || item.getAttribute("data-verdict") === verdict);
      item.hidden = !keep;
      if (keep && item.tagName === "TR") { shown += 1; }
    });
    var counter = document.getElementById("shown");
    if (counter) { counter.textContent = String(shown); }
  }
  document.querySelectorAll("table.sortable").forEach(makeSortable);
  var form = document.getElementById("filters");
  if (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    document.getElementById("q").addEventListener("input", filter);
    document.getElementById("verdict").addEventListener("change", filter);
  }
})();
