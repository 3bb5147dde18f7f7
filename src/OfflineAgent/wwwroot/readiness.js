// Clock warning and the escape-hatch export (issue 13). Self-contained: it fills #readiness-tools (the clock
// warning, on every view) and #export-tools (the export, in 門市管理) and
// polls /api/status on its own, so the checkout screen's script needs no change. Calls go through
// window.fetch (a security wrapper may add headers there). Text only via textContent.
"use strict";
(() => {
  const T = {
    "zh-TW": { export: "匯出未上傳銷售", pin: "店長密碼", go: "匯出檔案", cancel: "取消", none: "沒有未上傳的銷售",
      saved: "已匯出 {n} 筆未上傳銷售，請將檔案交給總部匯入（本機資料未刪除）。", failed: "無法匯出：{m}" },
    en: { export: "Export unsynced sales", pin: "Manager PIN", go: "Export file", cancel: "Cancel", none: "No unsynced sales",
      saved: "Exported {n} unsynced sale(s); give the file to HQ to import (nothing was removed here).", failed: "Export failed: {m}" },
  };
  const lang = () => (localStorage.getItem("lang") === "en" ? "en" : "zh-TW");
  const t = (k, v) => Object.entries(v || {}).reduce((s, [a, b]) => s.replace("{" + a + "}", b), T[lang()][k]);
  const el = (tag, attrs, text) => { const e = document.createElement(tag); Object.assign(e, attrs || {}); if (text) e.textContent = text; return e; };

  function mount() {
    const root = document.getElementById("readiness-tools");
    if (!root) return;
    const clock = el("div", { id: "clock-warning", className: "banner warn hidden", role: "alert" });
    clock.dataset.testid = "clock-warning";
    const open = el("button", { id: "export-unsynced", type: "button", className: "secondary" });
    const form = el("form", { id: "export-form", hidden: true });
    const pin = el("input", { id: "export-pin", type: "password", autocomplete: "off", inputMode: "numeric" });
    const go = el("button", { id: "export-go", type: "submit" });
    const cancel = el("button", { id: "export-cancel", type: "button", className: "secondary" });
    const result = el("span", { id: "export-result", role: "status" });
    result.dataset.testid = "export-result";
    form.append(pin, go, cancel);
    // The export is a manager's action: it sits in 門市管理 (#export-tools) when the page has it, never on the checkout.
    root.append(clock);
    (document.getElementById("export-tools") || root).append(open, form, result);
    let unsynced = 0, lastClock = null;

    function texts() {
      open.textContent = t("export"); pin.placeholder = t("pin"); go.textContent = t("go"); cancel.textContent = t("cancel");
      const c = lastClock;
      clock.classList.toggle("hidden", !(c && c.warn));
      clock.textContent = c && c.warn ? (lang() === "en" ? c.messageEn : c.messageZh) : "";
    }
    open.addEventListener("click", () => { form.hidden = false; result.textContent = ""; delete result.dataset.outcome; pin.value = ""; pin.focus(); });
    cancel.addEventListener("click", () => { form.hidden = true; });
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const res = await window.fetch("/api/admin/export-unsynced", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ pin: pin.value }) });
      pin.value = "";
      if (!res.ok) {
        let m = res.statusText;
        try { const p = await res.json(); m = p.title || m; } catch { /* not JSON */ }
        result.textContent = t("failed", { m }); result.dataset.outcome = "refused";
        return;
      }
      const blob = await res.blob();
      const name = (/filename="?([^";]+)"?/.exec(res.headers.get("content-disposition") || "") || [])[1] || "poscloud-unsynced.json";
      const a = el("a", { href: URL.createObjectURL(blob), download: name });
      document.body.append(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      form.hidden = true;
      result.textContent = t("saved", { n: unsynced }); result.dataset.outcome = "exported";
    });
    async function poll() {
      try {
        const res = await window.fetch("/api/status");
        if (res.ok) { const s = await res.json(); lastClock = s.clock || null; unsynced = s.unsynced || 0; }
      } catch { /* the agent is restarting: keep the last picture */ }
      texts();
    }
    document.getElementById("lang-toggle")?.addEventListener("click", () => setTimeout(texts, 0));
    poll();
    setInterval(poll, 5000);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount); else mount();
})();
