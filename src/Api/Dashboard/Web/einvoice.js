// E-invoice uploads (#/einvoice): the messages owed to the MOF platform through Turnkey — counts due today, overdue
// and in error, with the lists. Overdue escalates: its own list first, stronger style, most overdue first; an error
// shows the platform's (or Turnkey's) code and text. Self-contained: app.js only routes here. Data goes in as text.
(function () {
  "use strict";
  const text = {
    "zh-TW": {
      title: "電子發票上傳", updated: "更新時間", dueToday: "今日到期", overdue: "已逾期", errors: "上傳錯誤",
      overdueTitle: "已逾期（請立即處理）", dueTodayTitle: "今日到期", errorsTitle: "上傳錯誤",
      kind: "訊息", number: "號碼", period: "期別", store: "門市", due: "期限", state: "狀態", reason: "錯誤原因", attempts: "送出次數",
      none: "沒有", chain: "全公司", late: "逾期 {0}",
      help: "發票資料由 Turnkey 上傳至財政部電子發票平台。錯誤需修正資料後由總部重新送出。期限為該日 23:59 前（台灣時間）。",
      e7001: "Turnkey 本機 XML 檢查未通過（檔案移至 {0}），請修正後重新送出。", eNoXml: "訊息沒有內容，請修正後重新送出。",
      "k.F0401": "開立發票", "k.F0501": "作廢發票", "k.G0401": "折讓", "k.G0501": "作廢折讓", "k.E0402": "空白未使用字軌",
      "s.Pending": "待送出", "s.HandedOver": "已交 Turnkey", "s.Uploaded": "已上傳", "s.Error": "錯誤",
      days: "{0} 天", hours: "{0} 小時",
    },
    en: {
      title: "E-invoice uploads", updated: "Updated", dueToday: "Due today", overdue: "Overdue", errors: "Errors",
      overdueTitle: "Overdue (act now)", dueTodayTitle: "Due today", errorsTitle: "Upload errors",
      kind: "Message", number: "Number", period: "Period", store: "Store", due: "Due", state: "State", reason: "Error", attempts: "Attempts",
      none: "None", chain: "Whole chain", late: "{0} late",
      help: "Invoices reach the MOF e-invoice platform through Turnkey. Fix an error's cause, then HQ resends it. Due means before 23:59 that day (Taiwan time).",
      e7001: "Turnkey's local XML check refused the file (moved to {0}); fix it and resend.", eNoXml: "The message has no content; fix it and resend.",
      "k.F0401": "Invoice issued", "k.F0501": "Invoice cancelled", "k.G0401": "Allowance", "k.G0501": "Allowance cancelled", "k.E0402": "Blank numbers",
      "s.Pending": "To send", "s.HandedOver": "With Turnkey", "s.Uploaded": "Uploaded", "s.Error": "Error",
      days: "{0} d", hours: "{0} h",
    },
  };
  const tr = (key, ...args) => (text[i18n.lang === "en" ? "en" : "zh-TW"][key] || key).replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ""));
  const h = (...args) => window.PosDashboard.h(...args);

  // "11512" → 115年11-12月 / 2026 Nov–Dec.
  function periodLabel(code) {
    const year = Number(code.slice(0, 3)), end = Number(code.slice(3));
    if (i18n.lang === "en") {
      const m = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
      return `${year + 1911} ${m[end - 2]}–${m[end - 1]}`;
    }
    return `${year}年${String(end - 1).padStart(2, "0")}-${String(end).padStart(2, "0")}月`;
  }
  // Our own codes in the page's language; the platform's come with its (Chinese) text.
  function reason(m) {
    if (m.resultCode === "7001") return tr("e7001", (/ERR\/[\d\/-]+/.exec(m.resultText || "") || ["ERR"])[0]);
    if (m.resultCode === "NoXml") return tr("eNoXml");
    return m.resultText || "";
  }
  function late(dueAt, now) {
    const ms = new Date(now) - new Date(dueAt), hours = Math.floor(ms / 3600000);
    return tr("late", hours >= 48 ? tr("days", Math.floor(hours / 24)) : tr("hours", Math.max(1, hours)));
  }

  async function render(root, ctx) {
    const me = ctx.me;
    const when = iso => new Intl.DateTimeFormat(i18n.lang === "en" ? "en-GB" : "zh-TW", { timeZone: me.timeZone || "Asia/Taipei",
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(iso));
    const cards = h("div", { class: "cards", id: "ei-cards" }), updated = h("span", { class: "muted", id: "ei-updated" });
    const table = id => h("table", { id, class: "ei-list" }, h("thead", {}, h("tr", {},
      ["kind", "number", "period", "store", "due", "state", "reason", "attempts"].map(k => h("th", {}, tr(k))))), h("tbody", {}));
    const overdue = table("ei-overdue"), today = table("ei-today"), errors = table("ei-errors");
    root.replaceChildren(h("h1", {}, tr("title")), cards, h("div", { class: "toolbar" }, updated), h("p", { class: "muted" }, tr("help")),
      h("section", { class: "escalated" }, h("h2", { class: "bad" }, tr("overdueTitle")), overdue),
      h("h2", {}, tr("dueTodayTitle")), today, h("h2", {}, tr("errorsTitle")), errors);

    function rows(tbl, items, now) {
      tbl.tBodies[0].replaceChildren(...(items.length ? items.map(m => h("tr", {
          "data-message": m.id, "data-number": m.documentNumber, "data-state": m.state,
          class: (m.overdue ? "overdue " : "") + (m.state === "Error" ? "trouble" : "") },
        h("td", {}, tr("k." + m.kind)), h("td", { "data-col": "number" }, m.documentNumber), h("td", {}, periodLabel(m.period)),
        h("td", {}, m.storeId || tr("chain")),
        h("td", { "data-col": "due", class: m.overdue ? "bad" : "" }, when(new Date(new Date(m.dueAt) - 60000).toISOString()), m.overdue ? h("span", { class: "late" }, " · " + late(m.dueAt, now)) : null),
        h("td", { "data-col": "state" }, h("span", { class: "badge p-" + m.state }, tr("s." + m.state))),
        h("td", { "data-col": "reason", class: "reason" }, m.resultCode && m.state === "Error"
          ? [h("code", { "data-col": "code" }, m.resultCode), " ", h("span", { "data-col": "text" }, reason(m))] : ""),
        h("td", { class: "num" }, m.attempts)))
        : [h("tr", {}, h("td", { colspan: 8, class: "muted" }, tr("none")))]));
    }
    async function load() {
      try {
        const res = await fetch("/dashboard/api/einvoice-uploads", { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (res.status === 401) { location.href = "/dashboard/login"; return; }
        if (!res.ok) throw new Error(res.statusText);
        const d = await res.json();
        cards.replaceChildren(...[["overdue", d.overdueCount], ["dueToday", d.dueTodayCount], ["errors", d.errorCount]].map(([key, n]) =>
          h("div", { class: "card" + (n > 0 && key !== "dueToday" ? " card-bad" : ""), "data-total": key }, tr(key), h("b", {}, n.toLocaleString()))));
        updated.textContent = tr("updated") + " " + when(d.generatedAt);
        rows(overdue, d.overdue, d.generatedAt); rows(today, d.dueToday, d.generatedAt); rows(errors, d.errors, d.generatedAt);
      } catch (e) { ctx.flash(e.message, true); }
    }
    await load();
    ctx.every(me.refreshSeconds * 1000, load);
  }

  /// The overview's one line: overdue and errors, linking here.
  async function summary(el) {
    try {
      const res = await fetch("/dashboard/api/einvoice-uploads", { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!res.ok) return;
      const d = await res.json();
      el.replaceChildren(h("a", { href: "#/einvoice", class: d.overdueCount + d.errorCount > 0 ? "bad" : "" },
        `${tr("title")}${i18n.lang === "en" ? ": " : "："}${tr("overdue")} ${d.overdueCount} · ${tr("errors")} ${d.errorCount} · ${tr("dueToday")} ${d.dueTodayCount} →`));
    } catch { /* the overview works without it */ }
  }

  window.PosEinvoice = { render, summary };
})();
