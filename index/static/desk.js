// The archivist's desk: fields and lines saved with the keyboard alone, each change sent with the session's token.
(function () {
  "use strict";
  const desk = document.getElementById("desk");
  if (!desk) return;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const api = desk.dataset.api, doc = desk.dataset.doc, page = desk.dataset.page;

  async function send(path, body, output) {
    output.textContent = "…";
    output.classList.remove("failed");
    const answer = await fetch(api + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    const reply = await answer.json().catch(() => ({}));
    output.textContent = answer.ok ? output.dataset.ok || "✓" : reply.error || String(answer.status);
    output.classList.toggle("failed", !answer.ok);
    return answer.ok;
  }

  // Fields: Enter saves the value shown (the machine's guess, or what was typed over it) and moves on.
  const fields = Array.from(desk.querySelectorAll("form.field"));
  fields.forEach((form, n) => {
    const input = form.querySelector("input");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const path = "/documents/" + encodeURIComponent(doc) + "/fields";
      if (await send(path, { field: form.dataset.field, value: input.value }, form.querySelector("output"))) {
        const next = fields[n + 1] ? fields[n + 1].querySelector("input") : firstLine();
        if (next) next.focus();
      }
    });
  });

  // Lines: ↑/↓ move between lines (the box on the scan follows), Enter saves the line and goes to the next.
  const items = Array.from(desk.querySelectorAll(".lines li"));
  const boxes = new Map(Array.from(desk.querySelectorAll("rect.line-box")).map((r) => [r.dataset.line, r]));
  function firstLine() { return items.length ? items[0].querySelector("input") : null; }
  function choose(n) {
    if (n < 0 || n >= items.length) return;
    items.forEach((item) => item.classList.remove("current"));
    boxes.forEach((box) => box.classList.remove("current"));
    items[n].classList.add("current");
    const box = boxes.get(items[n].dataset.line);
    if (box) box.classList.add("current");
    items[n].querySelector("input").focus();
  }
  items.forEach((item, n) => {
    const input = item.querySelector("input");
    input.addEventListener("focus", () => { if (!item.classList.contains("current")) choose(n); });
    input.addEventListener("keydown", async (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        choose(n + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        event.preventDefault();
        const path = "/pages/" + encodeURIComponent(doc) + "/" + page + "/lines";
        if (await send(path, { line: item.dataset.line, text: input.value }, item.querySelector("output"))) choose(n + 1);
      }
    });
  });
  // Undo: a change of its own, after which the page shows the archive as it now stands.
  desk.querySelectorAll("button.undo").forEach((button) => {
    button.addEventListener("click", async () => {
      const output = button.parentElement.querySelector("output");
      if (await send("/audit/" + button.dataset.change + "/undo", {}, output)) window.location.reload();
    });
  });
  boxes.forEach((box, line) => box.addEventListener("click", () => choose(items.findIndex((i) => i.dataset.line === line))));
})();
