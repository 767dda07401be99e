// claim-intake caseworker page: filters, keyboard, language switch, corrections. No framework.
(function () {
  "use strict";
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  // ---- language switch (NO/EN): every .i18n element carries both texts
  function setLang(lang) {
    document.body.dataset.lang = lang;
    document.documentElement.lang = lang === "no" ? "nb" : "en";
    $$(".i18n").forEach((el) => { el.textContent = el.dataset[lang] || el.dataset.en; });
    $$("[data-set-lang]").forEach((b) => b.classList.toggle("on", b.dataset.setLang === lang));
    document.cookie = "claim_intake_lang=" + lang + "; path=/; SameSite=Strict; max-age=31536000";
  }
  $$("[data-set-lang]").forEach((b) => b.addEventListener("click", () => setLang(b.dataset.setLang)));

  const typing = (e) => e.target.closest && e.target.closest("input, textarea, select");

  // ---- queue: filters and keyboard selection
  const queue = $("#queue");
  if (queue) {
    const rows = $$("tr.claim-row", queue);
    const state = { status: "", code: "" };
    $$(".filter.on").forEach((b) => { state[b.dataset.filter] = b.dataset.value; });
    function apply() {
      let shown = 0;
      rows.forEach((r) => {
        const ok = (!state.status || r.dataset.status === state.status) &&
                   (!state.code || r.dataset.codes.split(" ").includes(state.code));
        r.hidden = !ok;
        if (ok) shown += 1;
      });
      $$(".filter").forEach((b) => b.classList.toggle("on", state[b.dataset.filter] === b.dataset.value));
      $("#empty-note").hidden = shown > 0;
      const params = new URLSearchParams();
      if (state.status) params.set("status", state.status);
      if (state.code) params.set("code", state.code);
      history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
      const sel = $("tr.selected", queue);
      if (sel && sel.hidden) select(visible()[0]);
    }
    $$(".filter").forEach((b) => b.addEventListener("click", () => {
      state[b.dataset.filter] = b.dataset.value;
      apply();
    }));
    const visible = () => rows.filter((r) => !r.hidden);
    function select(row) {
      rows.forEach((r) => r.classList.toggle("selected", r === row));
      if (row) { row.scrollIntoView({ block: "nearest" }); sessionStorage.setItem("ci-selected", row.dataset.claim); }
    }
    function move(step) {
      const vis = visible();
      if (!vis.length) return;
      const i = vis.indexOf($("tr.selected", queue));
      select(vis[Math.max(0, Math.min(vis.length - 1, i < 0 ? 0 : i + step))]);
    }
    const remembered = rows.find((r) => r.dataset.claim === sessionStorage.getItem("ci-selected") && !r.hidden);
    select(remembered || visible()[0]);
    const statusKeys = { "1": "incomplete", "2": "needs_review", "3": "ready", "0": "" };
    document.addEventListener("keydown", (e) => {
      if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "j" || e.key === "n" || e.key === "ArrowDown") { move(1); e.preventDefault(); }
      else if (e.key === "k" || e.key === "p" || e.key === "ArrowUp") { move(-1); e.preventDefault(); }
      else if (e.key === "Enter" || e.key === "o") {
        const sel = $("tr.selected", queue);
        if (sel) location.href = $("a.claim-link", sel).href;
      } else if (e.key in statusKeys) { state.status = statusKeys[e.key]; apply(); }
    });
  }

  // ---- claim page: keyboard, box/value linking, corrections
  if (document.body.classList.contains("claim-page")) {
    const body = document.body;
    const docs = $$("section.document");
    let current = -1;
    function goDoc(i) {
      if (!docs.length) return;
      current = Math.max(0, Math.min(docs.length - 1, i));
      docs.forEach((d, k) => d.classList.toggle("current", k === current));
      docs[current].scrollIntoView({ block: "start" });
      docs[current].focus({ preventScroll: true });
    }
    document.addEventListener("keydown", (e) => {
      if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
      if ((e.key === "j" || e.key === "n") && body.dataset.next) location.href = body.dataset.next;
      else if ((e.key === "k" || e.key === "p") && body.dataset.prev) location.href = body.dataset.prev;
      else if (e.key === "]") { goDoc(current + 1); e.preventDefault(); }
      else if (e.key === "[") { goDoc(current < 0 ? 0 : current - 1); e.preventDefault(); }
      else if (e.key === "u") location.href = "/";
    });

    // hover a value, see its box (and the other way round)
    function link(el) {
      const sel = '[data-doc="' + el.dataset.doc + '"][data-field="' + CSS.escape(el.dataset.field) + '"]';
      el.addEventListener("mouseenter", () => $$(sel).forEach((x) => x.classList.add("hl")));
      el.addEventListener("mouseleave", () => $$(sel).forEach((x) => x.classList.remove("hl")));
    }
    $$(".box, tr.value-row").forEach(link);

    // a page image that cannot be made: say so, keep the values
    $$("img.page-img").forEach((img) => img.addEventListener("error", () => {
      const wrap = img.closest(".page-wrap");
      const note = document.createElement("p");
      note.className = "no-image";
      note.textContent = body.dataset.lang === "no" ? "Sidebildet kunne ikke lages: bare verdier." : "No page image: values only.";
      wrap.replaceWith(note);
    }));

    const csrf = ($('meta[name="csrf-token"]') || {}).content || "";
    async function post(payload) {
      const res = await fetch("/claim/" + encodeURIComponent(body.dataset.claim) + "/corrections", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(payload),
      });
      if (!res.ok) { alert("Not stored (" + res.status + ")"); return; }
      location.reload();
    }
    $$("button.edit").forEach((btn) => btn.addEventListener("click", () => {
      const row = btn.closest("tr.value-row");
      const cell = $("td.value", row);
      if ($("input", cell)) return;
      const input = document.createElement("input");
      input.className = "edit-value";
      input.value = $(".val", cell).textContent === "–" ? "" : $(".val", cell).textContent;
      cell.appendChild(input);
      input.focus();
      input.addEventListener("keydown", (e) => {
        if (e.key === "Enter") post({ document: row.dataset.file, field: row.dataset.field, value: input.value || null });
        else if (e.key === "Escape") input.remove();
      });
    }));
    $$(".add-value").forEach((box) => {
      const send = () => post({ document: box.dataset.file, field: $(".add-field", box).value,
                                value: $(".add-input", box).value || null });
      $("button.add", box).addEventListener("click", send);
      $(".add-input", box).addEventListener("keydown", (e) => { if (e.key === "Enter") send(); });
    });
    $$("button.dismiss").forEach((btn) => btn.addEventListener("click", () =>
      post({ document: btn.dataset.document || null, dismissed: btn.dataset.code })));
  }
})();
