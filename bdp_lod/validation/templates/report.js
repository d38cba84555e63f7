/* The findings table of the bdp-lod validation report: filter, sort and pages over the JSON in
   #report-data (rows of numbers pointing into a table of texts; bdp_lod/validation/report_html.py).
   Texts are set with textContent only, so no source text is ever markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var texts = data.strings;
  var words = data.words;
  var explained = {};
  data.explained.forEach(function (code) { explained[code] = true; });
  var table = document.getElementById("table");
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var labels = headers.map(function (th) { return th.textContent; });
  var columns = headers.map(function (th) { return th.getAttribute("data-column"); });
  var filter = document.getElementById("filter");
  var severity = document.getElementById("severity");
  var rule = document.getElementById("rule");
  var status = document.getElementById("status");
  var pager = document.getElementById("pager");
  var previous = document.getElementById("previous");
  var next = document.getElementById("next");
  var pageText = document.getElementById("page");
  var collator = new Intl.Collator(document.documentElement.lang, { numeric: true });

  /* r = [rank, file, record index, record id, line, field, value, message, code] */
  var rows = data.rows.map(function (r, index) {
    var record = [];
    if (r[2] !== null) { record.push(String(r[2])); }
    if (texts[r[3]]) { record.push(texts[r[3]]); }
    return {
      index: index, rank: r[0], record: r[2], line: r[4], code: texts[r[8]], search: null,
      cells: [data.severities[r[0]], texts[r[1]], record.join(" · "), r[4] === null ? "" : String(r[4]),
              texts[r[5]], texts[r[6]], texts[r[7]], texts[r[8]]]
    };
  });

  var state = { query: "", rank: "", code: "", column: -1, direction: 1, page: 0 };
  var shown = rows;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return String(values[name]); });
  }

  function searchText(row) {
    if (row.search === null) { row.search = row.cells.join("\n").toLocaleLowerCase(); }
    return row.search;
  }

  function number(value) { return value === null ? -1 : value; }

  function compare(column) {
    var name = columns[column];
    var key;
    if (name === "severity") { key = function (a, b) { return a.rank - b.rank; }; }
    else if (name === "record") { key = function (a, b) { return number(a.record) - number(b.record); }; }
    else if (name === "line") { key = function (a, b) { return number(a.line) - number(b.line); }; }
    else { key = function (a, b) { return collator.compare(a.cells[column], b.cells[column]); }; }
    return function (a, b) { return state.direction * key(a, b) || a.index - b.index; };
  }

  function select() {
    var query = state.query.toLocaleLowerCase();
    shown = rows.filter(function (row) {
      return (state.rank === "" || row.rank === Number(state.rank))
        && (state.code === "" || row.code === state.code)
        && (query === "" || searchText(row).indexOf(query) !== -1);
    });
    if (state.column >= 0) { shown.sort(compare(state.column)); }
    state.page = 0;
    render();
  }

  function cell(row, column) {
    var td = document.createElement("td");
    td.setAttribute("data-label", labels[column]);
    var text = row.cells[column];
    if (columns[column] === "rule" && explained[text]) {
      var link = document.createElement("a");
      link.href = "#rule-" + text;
      link.textContent = text;
      td.appendChild(link);
    } else {
      td.textContent = text;
    }
    return td;
  }

  function render() {
    var pages = Math.max(1, Math.ceil(shown.length / data.page));
    var first = state.page * data.page;
    var last = Math.min(shown.length, first + data.page);
    var fragment = document.createDocumentFragment();
    for (var i = first; i < last; i += 1) {
      var row = shown[i];
      var tr = document.createElement("tr");
      tr.className = "sev-" + ["violation", "warning", "info"][row.rank];
      for (var column = 0; column < columns.length; column += 1) { tr.appendChild(cell(row, column)); }
      fragment.appendChild(tr);
    }
    body.textContent = "";
    body.appendChild(fragment);
    if (shown.length === 0) {
      status.textContent = fill(words.none, { total: rows.length });
    } else {
      var text = fill(words.status, { first: first + 1, last: last, count: shown.length });
      if (shown.length !== rows.length) { text += " " + fill(words.all, { total: rows.length }); }
      status.textContent = text;
    }
    pageText.textContent = fill(words.page, { page: state.page + 1, pages: pages });
    previous.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    pager.hidden = pages < 2;
  }

  function sortBy(column) {
    state.direction = state.column === column ? -state.direction : 1;
    state.column = column;
    headers.forEach(function (th, index) {
      th.setAttribute("aria-sort", index !== column ? "none" : state.direction === 1 ? "ascending" : "descending");
    });
    select();
  }

  headers.forEach(function (th, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () { sortBy(column); });
  });
  filter.addEventListener("input", function () { state.query = filter.value; select(); });
  severity.addEventListener("change", function () { state.rank = severity.value; select(); });
  rule.addEventListener("change", function () { state.code = rule.value; select(); });
  previous.addEventListener("click", function () { state.page -= 1; render(); });
  next.addEventListener("click", function () { state.page += 1; render(); });
  document.getElementById("controls").addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("controls").hidden = false;
  render();
}());
