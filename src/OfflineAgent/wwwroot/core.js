// Shared by the views: translation, the one HTTP helper, the status line, routing, dialogs.
// Plain JS, no framework, no CDN, no inline handlers (the page runs under a strict same-origin CSP).
"use strict";
window.Pos = (() => {
  const $ = (id) => document.getElementById(id);
  const P = { $, lang: localStorage.getItem("lang") || "zh-TW", status: null, staff: [], view: "checkout", viewArg: null,
    session: { staffId: null, staffName: null } };

  P.t = (key, vars) => {
    let s = (I18N[P.lang] && I18N[P.lang][key]) ?? I18N["zh-TW"][key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split("{" + k + "}").join(v);
    return s;
  };
  /** A code the screen knows, in words; an unknown one becomes the generic sentence, never the raw code. */
  P.say = (prefix, code) => (I18N["zh-TW"][prefix + code] ? P.t(prefix + code) : P.t("err.generic"));
  P.money = (n) => Number(n).toLocaleString("en-US", { maximumFractionDigits: 2 });
  /** +41 / −89 (a real minus sign), with the direction for colour. */
  P.signed = (n) => { const v = Number(n); return { text: (v > 0 ? "+" : v < 0 ? "−" : "") + P.money(Math.abs(v)), cls: v > 0 ? "up" : v < 0 ? "down" : "" }; };
  P.esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  P.when = (iso) => iso ? new Date(iso).toLocaleString(P.lang === "en" ? "en-GB" : "zh-TW", { hour12: false, month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "";
  P.invoiceText = (n) => n ? n.slice(0, 2) + "-" + n.slice(2) : "—";
  P.payment = (m) => (m ? m.split("+").map((x) => P.say("pay.", x)).join(" + ") : "—");

  // Every call goes through window.fetch (same origin), so a script that adds headers to fetch covers all of them.
  P.api = async (method, url, body) => {
    const res = await window.fetch(url, { method, headers: body ? { "Content-Type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
    let data = null;
    try { data = await res.json(); } catch { /* empty body */ }
    return { ok: res.ok, status: res.status, data };
  };

  // ---- status line: one short word each; the band is red with words while offline ----
  const renderers = [];
  P.onRender = (f) => renderers.push(f);
  P.online = () => P.status && P.status.connectivity === "online";
  P.offline = () => P.status && P.status.connectivity === "offline";
  function renderStatus() {
    const s = P.status; if (!s) return;
    const c = s.connectivity;
    $("topbar").dataset.conn = c;
    const badge = $("connectivity-badge");
    badge.dataset.state = c; badge.textContent = P.t(c === "offline" ? "conn.offlineMode" : "conn." + c);
    $("store-name").textContent = s.storeName || s.storeId;
    $("register-id").textContent = s.registerId;
    const blocked = (s.uploadBlocked || 0) > 0;
    $("pending-count").textContent = s.unsynced > 0 ? P.t("status.pending", { n: s.unsynced }) : P.t("status.allUp");
    $("pending-count").dataset.state = blocked || s.refused > 0 ? "error" : s.unsynced > 0 ? "warning" : "ok";
    // 上傳受阻 / 退回待修正: a sale the queue set aside or the cloud refused; the others still upload. One short word
    // here (the bar stays one line at 1024 px); the reason in the tooltip, in full in 上傳紀錄 (the bar links there).
    const b = $("upload-blocked"); const refused = s.refused || 0;
    b.textContent = [blocked ? P.t("status.blockedCount", { n: s.uploadBlocked }) : "", refused > 0 ? P.t("status.refused", { n: refused }) : ""].filter(Boolean).join(" · ");
    b.title = s.uploadBlockedReason || ""; b.classList.toggle("hidden", !blocked && refused === 0);
    const inv = s.invoice;
    $("invoice-left").textContent = !inv ? "" : !inv.hasBlock ? P.t("status.noInvoice") : P.t("status.invoiceLeft", { n: inv.remaining });
    $("invoice-left").dataset.state = !inv ? "ok" : (!inv.hasBlock || inv.exhausted) ? "error" : inv.low ? "warning" : "ok";
    const p = s.printer;
    $("printer-state").textContent = !p || !p.configured ? P.t("status.noPrinter") : P.t("status.printer." + (p.state === "error" ? "error" : p.state === "warning" ? "warning" : "ok"));
    $("printer-state").dataset.state = p && p.configured ? p.state : "none";
    $("signed-in").textContent = P.session.staffName ? "· " + P.t("session.clerk", { name: P.session.staffName }) : "";
    renderFrontDesk(); renderInvoiceBanner(); renderPrinterBanner();
    renderers.forEach((f) => f());
  }
  P.renderStatus = renderStatus;

  // 「開啟離線模式」 when the cloud is lost and the clerk is not in the offline checkout yet; in it, the band
  // says 離線模式中 and the button goes. 「點此開啟前台」 when the cloud is there.
  function renderFrontDesk() {
    const c = P.status.connectivity; const btn = $("frontdesk-button");
    const inOfflineCheckout = c === "offline" && (P.view === "checkout" || P.view === "login");
    btn.dataset.mode = c; btn.textContent = P.t("front." + c);
    btn.classList.toggle("hidden", inOfflineCheckout);
    $("frontdesk-hint").textContent = c === "online" ? P.t("front.hintOnline") : c === "offline" ? P.t("front.hintOffline") : "";
  }
  function renderInvoiceBanner() {
    const inv = P.status.invoice; const w = $("invoice-warning");
    if (!inv) { w.classList.add("hidden"); return; }
    $("invoice-remaining").textContent = P.t("inv.remaining", { period: inv.periodLabel, n: inv.remaining });
    const msg = !inv.hasBlock ? P.t("inv.noBlock", { period: inv.periodLabel }) : inv.exhausted ? P.t("inv.exhausted") : inv.low ? P.t("inv.low", { n: inv.remaining, period: inv.periodLabel }) : "";
    w.textContent = msg; w.dataset.state = inv.exhausted ? "exhausted" : inv.low ? "low" : "ok"; w.classList.toggle("hidden", !msg);
  }
  function renderPrinterBanner() {
    const p = P.status.printer; const b = $("printer-banner");
    const show = p && (p.state === "error" || p.state === "warning");
    b.classList.toggle("hidden", !show); b.classList.toggle("error", !!p && p.state === "error"); b.dataset.state = p ? p.state : "none";
    if (show) $("printer-message").textContent = "🖨 " + p.message;
  }
  $("printer-retry").addEventListener("click", () => P.api("POST", "/api/printer/retry"));

  const pollers = [];
  P.onPoll = (f) => pollers.push(f);
  P.pollStatus = async () => {
    try {
      const r = await P.api("GET", "/api/status");
      if (r.ok) {
        const first = !P.status; const snapshotChanged = P.status && P.status.snapshotVersion !== r.data.snapshotVersion;
        P.status = r.data;
        if (first || snapshotChanged || P.staff.length === 0) await P.loadStaff();
        // Sign-in is per shift and kept by the agent: a reload or a deep link keeps the clerk.
        if (!P.session.staffId && P.status.signedInStaffId) P.setClerk(P.status.signedInStaffId);
        renderStatus();
      }
    } catch { /* the agent itself restarting: keep the screen, try again */ }
    pollers.forEach((f) => f());
  };

  P.loadStaff = async () => {
    const r = await P.api("GET", "/api/staff");
    if (r.ok) P.staff = r.data || [];
  };
  P.setClerk = (id) => {
    P.session.staffId = id;
    P.session.staffName = (P.staff.find((s) => s.staffId === id) || {}).name || P.t("session.unknownClerk");
  };

  // ---- dialogs ----
  let lastFocus = null;
  P.openDialog = (id, focusId) => {
    lastFocus = document.activeElement;
    $(id).classList.remove("hidden");
    const f = focusId ? $(focusId) : $(id).querySelector("input, button");
    if (f) f.focus();
  };
  P.closeDialog = (id) => {
    $(id).classList.add("hidden");
    if (P.view === "checkout") $("sku-input").focus(); else if (lastFocus && lastFocus.focus) lastFocus.focus();
  };
  P.openDialogId = () => { const d = document.querySelector(".dialog:not(.hidden)"); return d ? d.id : null; };
  document.querySelectorAll(".dialog-close").forEach((b) => b.addEventListener("click", () => P.closeDialog(b.closest(".dialog").id)));

  // ---- menu ----
  const menu = $("menu");
  const setMenu = (open) => { menu.classList.toggle("hidden", !open); $("menu-button").setAttribute("aria-expanded", String(open)); };
  $("menu-button").addEventListener("click", (e) => { e.stopPropagation(); setMenu(menu.classList.contains("hidden")); });
  document.addEventListener("click", (e) => { if (!menu.contains(e.target) && e.target !== $("menu-button")) setMenu(false); });
  menu.addEventListener("click", (e) => { if (e.target.tagName === "A") setMenu(false); });
  P.closeMenu = () => setMenu(false);

  // ---- routing: every view has its own address; a view that needs a clerk remembers where the clerk was going ----
  const needsClerk = new Set(["checkout", "orders", "uploads", "detail", "returns", "return"]);
  const routes = {};
  P.onRoute = (name, f) => { routes[name] = f; };
  P.go = (hash) => { location.hash = hash.startsWith("#") ? hash : "#/" + hash; };
  P.afterSignIn = null;
  P.route = () => {
    const parts = location.hash.replace(/^#\/?/, "").split("/");
    let view = parts[0] || "checkout";
    if (!document.getElementById("view-" + view)) view = "checkout";
    if (needsClerk.has(view) && !P.session.staffId) { P.afterSignIn = location.hash || "#/checkout"; view = "login"; }
    P.view = view; P.viewArg = parts[1] || null;
    if (view === "orders" || view === "uploads") P.lastList = "#/" + view;  // where 詳情's back link goes
    document.querySelectorAll(".view").forEach((v) => v.classList.add("hidden"));
    $("view-" + view).classList.remove("hidden");
    document.querySelectorAll("#menu a").forEach((a) => a.classList.toggle("current", a.getAttribute("href") === "#/" + view));
    if (routes[view]) routes[view](P.viewArg);
    renderStatus();
  };
  window.addEventListener("hashchange", P.route);

  P.applyLang = () => {
    document.documentElement.lang = P.lang === "en" ? "en" : "zh-Hant-TW";
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = P.t(el.dataset.i18n); });
    $("lang-toggle").textContent = P.lang === "en" ? "中文" : "English";
    $("menu").setAttribute("aria-label", P.t("nav.menu"));
    P.route();
  };
  $("lang-toggle").addEventListener("click", () => { P.lang = P.lang === "en" ? "zh-TW" : "en"; localStorage.setItem("lang", P.lang); P.applyLang(); });

  return P;
})();
