// report.html: sort the datasets table by any column, filter it by words. Plain script, no library;
// without it the page is whole, only the controls stay hidden.
(() => {
  "use strict";
  const table = document.getElementById("datasets-table");
  const input = document.getElementById("filter");
  const shown = document.getElementById("shown");
  const rows = Array.from(table.tBodies[0].rows);
  const order = new Map(rows.map((row, i) => [row, i]));
  // What a row is searched by: its cells as shown, the explanation of its figures left out.
  const words = new Map(
    rows.map((row) => [
      row,
      Array.from(row.cells, (cell) => (cell.querySelector("summary") ?? cell).textContent)
        .join(" ")
        .toLowerCase(),
    ]),
  );
  const count = (n) => n.toLocaleString("en-GB");

  const filter = () => {
    const wanted = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    for (const row of rows) {
      row.hidden = !wanted.every((word) => words.get(row).includes(word));
      n += row.hidden ? 0 : 1;
    }
    shown.textContent = `${count(n)} of ${count(rows.length)} datasets`;
  };

  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  const sort = (th, column) => {
    const numeric = th.hasAttribute("data-numeric");
    const first = numeric ? "descending" : "ascending"; // largest figures first, names A to Z
    const next = th.getAttribute("aria-sort") === first ? (numeric ? "ascending" : "descending") : first;
    const sign = next === "ascending" ? 1 : -1;
    for (const other of th.parentElement.cells) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", next);
    const key = (row) => {
      const cell = row.cells[column];
      if (!numeric) return cell.textContent.trim();
      return cell.dataset.sort === "" ? null : Number(cell.dataset.sort);
    };
    const sorted = rows.slice().sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const tie = order.get(a) - order.get(b);
      if (x === null || y === null) return (x === null) - (y === null) || tie; // no figure: always last
      return sign * (numeric ? x - y : collator.compare(x, y)) || tie;
    });
    table.tBodies[0].append(...sorted);
  };

  Array.from(table.tHead.rows[0].cells).forEach((th, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    button.title = `Sort by ${th.textContent.toLowerCase()}`;
    button.addEventListener("click", () => sort(th, column));
    th.replaceChildren(button);
  });
  input.addEventListener("input", filter);
  document.getElementById("controls").hidden = false;

  // A link to a dataset's row (report.html#d12) opens the explanation of its figures.
  const reveal = () => {
    const row = location.hash.length > 1 ? document.getElementById(location.hash.slice(1)) : null;
    const details = row && row.querySelector("details");
    if (details) details.open = true;
  };
  window.addEventListener("hashchange", reveal);
  reveal();
})();
