// Register readiness (#/readiness): every register's readiness for an outage with the reasons and since when,
// a "not ready only" filter, and for operators the import of a register's escape-hatch export file.
// Self-contained: app.js only routes here. Data goes in as text (textContent), never as HTML.
(function () {
  "use strict";
  const text = {
    "zh-TW": {
      title: "收銀機準備度", summary: "共 {0} 台收銀機，{1} 台未就緒", notReadyOnly: "只看未就緒", updated: "更新時間",
      store: "門市", register: "收銀機", state: "狀態", reasons: "原因", since: "未就緒起", lastHeartbeat: "最後回報", version: "版本",
      queue: "待上傳", numbers: "發票號碼（本期／下期）", ready: "就緒", notReady: "未就緒", never: "從未", none: "全部就緒",
      importTitle: "匯入收銀機的匯出檔", importHelp: "收銀機無法上傳時，店長可匯出未上傳的銷售；在此匯入，每筆銷售只會入帳一次。",
      importRegister: "收銀機", importFile: "匯出檔", importSubmit: "匯入", importing: "匯入中…",
      imported: "已匯入：新增 {0} 筆，已在雲端 {1} 筆，拒收 {2} 筆", refused: "拒絕匯入：{0}", chooseFile: "請選擇檔案",
      viewerNote: "檢視者只能查看，無法匯入。",
    },
    en: {
      title: "Register readiness", summary: "{0} registers, {1} not ready", notReadyOnly: "Not ready only", updated: "Updated",
      store: "Store", register: "Register", state: "State", reasons: "Reasons", since: "Not ready since", lastHeartbeat: "Last heartbeat", version: "Version",
      queue: "Unsynced", numbers: "Invoice numbers (this / next period)", ready: "ready", notReady: "not ready", never: "never", none: "All ready",
      importTitle: "Import a register's export file", importHelp: "When a register cannot upload, a manager exports its unsynced sales; import the file here. Each sale is taken once.",
      importRegister: "Register", importFile: "Export file", importSubmit: "Import", importing: "Importing…",
      imported: "Imported: {0} new, {1} already in the cloud, {2} rejected", refused: "Import refused: {0}", chooseFile: "Choose a file",
      viewerNote: "Viewers can look but not import.",
    },
  };
  const tr = (key, ...args) => (text[i18n.lang === "en" ? "en" : "zh-TW"][key] || key).replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ""));
  const state = { notReadyOnly: false, data: null };

  // The page's one element helper (app.js); looked up when drawing, since this file loads first.
  const h = (...args) => window.PosDashboard.h(...args);

  async function render(root, ctx) {
    const me = ctx.me;
    const when = iso => iso ? new Intl.DateTimeFormat(i18n.lang === "en" ? "en-GB" : "zh-TW", { timeZone: me.timeZone || "Asia/Taipei",
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(new Date(iso)) : tr("never");
    const filter = h("input", { id: "rd-notready", type: "checkbox", checked: state.notReadyOnly, onchange: e => { state.notReadyOnly = e.target.checked; draw(); } });
    const summary = h("span", { id: "rd-summary" }), updated = h("span", { class: "muted", id: "rd-updated" });
    const table = h("table", { id: "readiness" }, h("thead", {}, h("tr", {},
      ["store", "register", "state", "reasons", "since", "lastHeartbeat", "numbers", "queue", "version"].map(k => h("th", {}, tr(k))))), h("tbody", {}));
    const registerSelect = h("select", { id: "import-register", name: "registerId" });
    const fileInput = h("input", { id: "import-file", type: "file", name: "file", accept: ".json,application/json" });
    const result = h("p", { id: "import-result", role: "status" });
    const importForm = me.canAct
      ? h("form", { id: "import-form", onsubmit: e => { e.preventDefault(); upload(); } },
          h("label", {}, tr("importRegister"), registerSelect), h("label", {}, tr("importFile"), fileInput),
          h("button", { class: "act", id: "import-submit", type: "submit" }, tr("importSubmit")))
      : h("p", { class: "muted" }, tr("viewerNote"));
    root.replaceChildren(h("h1", {}, tr("title")),
      h("div", { class: "toolbar" }, summary, h("label", {}, filter, tr("notReadyOnly")), updated), table,
      h("h2", {}, tr("importTitle")), h("p", { class: "muted" }, tr("importHelp")), importForm, result);

    async function upload() {
      const file = fileInput.files[0];
      if (!file) { show(tr("chooseFile"), true); return; }
      // Pending is not an outcome: data-outcome (and the counts of the last import) appear only with the answer,
      // so nothing reads "imported" while the file is still being read and sent.
      delete result.dataset.outcome; delete result.dataset.accepted; delete result.dataset.duplicate; delete result.dataset.rejected;
      result.textContent = tr("importing"); result.className = "muted"; result.setAttribute("aria-busy", "true");
      try {
        const res = await fetch("/dashboard/api/registers/" + encodeURIComponent(registerSelect.value) + "/imports", {
          method: "POST", credentials: "same-origin", body: await file.text(),
          headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRF-TOKEN": me.csrf } });
        const body = res.headers.get("content-type")?.includes("json") ? await res.json() : null;
        if (!res.ok) { show(tr("refused", (body && (body.detail || body.title)) || res.statusText), true); return; }
        show(tr("imported", body.accepted, body.duplicate, body.rejected), false);
        result.dataset.accepted = body.accepted; result.dataset.duplicate = body.duplicate; result.dataset.rejected = body.rejected;
        await load();
      } catch (e) { show(tr("refused", e.message), true); }
    }
    function show(message, isError) {
      result.removeAttribute("aria-busy");
      result.textContent = message;
      result.className = isError ? "error" : "ok";
      result.dataset.outcome = isError ? "refused" : "imported";
    }
    function draw() {
      const d = state.data;
      if (!d) return;
      summary.textContent = tr("summary", d.registers, d.notReady);
      updated.textContent = tr("updated") + " " + when(d.generatedAt);
      const rows = d.items.filter(r => !state.notReadyOnly || !r.ready);
      const msg = i => (i18n.lang === "en" ? i.messageEn : i.messageZh);
      table.tBodies[0].replaceChildren(...(rows.length ? rows.map(r => h("tr", { "data-register": r.registerId, class: r.ready ? "ready" : "trouble" },
        h("td", {}, `${r.storeId} ${r.storeName}`), h("td", {}, r.registerId),
        h("td", { "data-col": "state", class: r.ready ? "online" : "bad" }, r.ready ? "● " + tr("ready") : "○ " + tr("notReady")),
        h("td", { "data-col": "reasons" }, h("ul", { class: "reasons" }, r.issues.map(i => h("li", { "data-reason": i.reason }, msg(i))))),
        h("td", { "data-col": "since" }, r.ready ? "" : when(r.notReadySince)),
        h("td", { "data-col": "lastHeartbeat" }, when(r.lastHeartbeatAt)),
        h("td", { class: "num" }, r.invoiceNumbersLeft === null ? "—" : `${r.invoiceNumbersLeft} / ${r.nextPeriodInvoiceNumbers}`),
        h("td", { class: "num" }, r.queueSize ?? "—"), h("td", {}, r.agentVersion || "—")))
        : [h("tr", {}, h("td", { colspan: 9, class: "muted" }, tr("none")))]));
      const chosen = registerSelect.value;
      registerSelect.replaceChildren(...d.items.map(r => r.registerId).sort().map(id => h("option", { value: id, selected: id === chosen }, id)));
    }
    async function load() {
      try {
        const res = await fetch("/dashboard/api/readiness", { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (res.status === 401) { location.href = "/dashboard/login"; return; }
        if (!res.ok) throw new Error(res.statusText);
        state.data = await res.json();
        draw();
      } catch (e) { ctx.flash(e.message, true); }
    }
    await load();
    ctx.every(me.refreshSeconds * 1000, load);
  }

  window.PosReadiness = { render };
})();
