// The HQ dashboard page: hash routes (#/, #/store/S001, #/order/<id>, #/charts, #/audit), JSON from
// /dashboard/api with the sign-in cookie, numbers refreshed in place on a timer (no page reload).
// Data is always put in the page as text (textContent), never as HTML.
(function () {
  "use strict";
  const state = { me: null, timers: [], ov: { sort: null, dir: 1, filter: "", trouble: false, agent: "all", data: null } };
  const view = () => document.getElementById("view");

  // ---------- plumbing ----------
  async function api(path, options) {
    const res = await fetch("/dashboard/api" + path, Object.assign({ credentials: "same-origin", headers: { Accept: "application/json" } }, options));
    if (res.status === 401) { location.href = "/dashboard/login?returnUrl=" + encodeURIComponent("/dashboard" + location.hash); throw new Error("signed out"); }
    const body = res.headers.get("content-type")?.includes("json") ? await res.json() : null;
    if (!res.ok) throw new Error((body && (body.detail || body.title)) || res.statusText);
    return body;
  }
  function post(path, body) {
    return api(path, { method: "POST", headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRF-TOKEN": state.me.csrf },
      body: JSON.stringify(body || {}) });
  }
  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  window.PosDashboard = { h }; // shared with readiness.js
  // replaceChildren() would print a null as the text "null": drop the empty parts first.
  function fill(parent, ...children) { parent.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false)); }
  function every(ms, fn) { state.timers.push(setInterval(fn, ms)); }
  function stopTimers() { state.timers.forEach(clearInterval); state.timers = []; }
  function flash(message, isError) {
    const f = document.getElementById("flash");
    f.textContent = message; f.hidden = false; f.className = "flash" + (isError ? " error" : "");
    clearTimeout(flash.timer); flash.timer = setTimeout(() => { f.hidden = true; }, 8000);
  }
  const zone = () => state.me?.timeZone || "Asia/Taipei";
  const locale = () => (i18n.lang === "en" ? "en-GB" : "zh-TW");
  function when(iso) {
    if (!iso) return t("never");
    return new Intl.DateTimeFormat(locale(), { timeZone: zone(), year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(new Date(iso));
  }
  function hourLabel(date) {
    return new Intl.DateTimeFormat(locale(), { timeZone: zone(), month: "2-digit", day: "2-digit", hour: "2-digit", hour12: false }).format(date);
  }
  function today(offsetDays) {
    const d = new Date(Date.now() + (offsetDays || 0) * 86400000);
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone(), year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  }
  function age(seconds) {
    if (seconds === null || seconds === undefined) return "—";
    const s = Math.round(seconds);
    if (s < 60) return t("age.s", s);
    if (s < 3600) return t("age.m", Math.floor(s / 60));
    if (s < 86400) return t("age.h", Math.floor(s / 3600), Math.floor((s % 3600) / 60));
    return t("age.d", Math.floor(s / 86400), Math.floor((s % 86400) / 3600));
  }
  const money = v => Number(v).toLocaleString(locale(), { maximumFractionDigits: 2 });
  function badge(status) { return h("span", { class: "badge s-" + status, "data-status": status }, t("status." + status)); }
  function num(v, cls) { return h("td", { class: "num " + (cls || "") }, v); }
  function params() { const q = location.hash.indexOf("?"); return new URLSearchParams(q < 0 ? "" : location.hash.slice(q + 1)); }
  function setParams(base, p) { const s = new URLSearchParams([...p].filter(([, v]) => v !== "" && v !== null)).toString(); location.hash = base + (s ? "?" + s : ""); }

  async function act(path, body, after) {
    try {
      const r = await post(path, body);
      flash(t("act.done", r.message));
      if (after) await after();
    } catch (e) { flash(t("act.failed", e.message), true); }
  }

  // ---------- overview ----------
  const ovColumns = [
    ["storeId", "col.store"], ["storeName", "col.name"], ["online", "col.agent"], ["lastContactAt", "col.lastContact"],
    ["waiting", "col.waiting", true], ["reconciled", "col.reconciled", true], ["needsReview", "col.needsReview", true], ["failed", "col.failed", true],
    ["oldestWaitingSeconds", "col.oldest", true], ["lastUploadAt", "col.lastUpload"],
  ];
  async function overview() {
    const o = state.ov;
    const cards = h("div", { class: "cards", id: "totals" });
    const filter = h("input", { id: "ov-filter", type: "search", value: o.filter, placeholder: t("ov.filter"),
      oninput: e => { o.filter = e.target.value; drawOverview(); } });
    const trouble = h("input", { id: "ov-trouble", type: "checkbox", checked: o.trouble, onchange: e => { o.trouble = e.target.checked; drawOverview(); } });
    const agent = h("select", { id: "ov-agent", onchange: e => { o.agent = e.target.value; drawOverview(); } },
      ["all", "online", "offline"].map(v => h("option", { value: v, selected: o.agent === v }, t(v === "all" ? "ov.all" : v === "online" ? "ov.onlineOnly" : "ov.offlineOnly"))));
    const head = h("tr", {}, ovColumns.map(([key, label, isNum]) => h("th", {
      class: "sortable" + (isNum ? " num" : "") + (o.sort === key ? (o.dir > 0 ? " sorted-asc" : " sorted-desc") : ""), "data-sort": key,
      onclick: () => { if (o.sort === key) o.dir = -o.dir; else { o.sort = key; o.dir = isNum ? -1 : 1; } overview(); },
    }, t(label))));
    fill(view(), 
      h("h1", {}, t("ov.title")), cards, h("p", { id: "ov-einvoice" }),
      h("div", { class: "toolbar" }, filter, h("label", {}, trouble, t("ov.troubleOnly")), h("label", {}, t("ov.agent"), agent),
        h("span", { class: "muted", id: "ov-updated" }), h("span", { class: "muted" }, t("ov.autoRefresh", state.me.refreshSeconds))),
      h("table", { id: "overview" }, h("thead", {}, head), h("tbody", {})));
    if (o.data) drawOverview();
    window.PosEinvoice.summary(document.getElementById("ov-einvoice"));
    await loadOverview();
    every(state.me.refreshSeconds * 1000, loadOverview);
  }
  async function loadOverview() {
    try { state.ov.data = await api("/overview"); drawOverview(); } catch (e) { flash(e.message, true); }
  }
  function drawOverview() {
    const o = state.ov, d = o.data, body = document.querySelector("#overview tbody");
    if (!d || !body) return;
    const tt = d.totals;
    document.getElementById("totals").replaceChildren(...[
      ["card.stores", tt.stores, "stores"], ["card.online", tt.online, "online"], ["card.trouble", tt.storesWithTrouble, "trouble"],
      ["card.waiting", tt.waiting, "waiting"], ["card.needsReview", tt.needsReview, "needsReview"], ["card.failed", tt.failed, "failed"],
    ].map(([label, value, key]) => h("div", { class: "card", "data-total": key }, t(label), h("b", {}, value.toLocaleString()))));
    document.getElementById("ov-updated").textContent = t("ov.updated") + " " + when(d.generatedAt);
    const q = o.filter.trim().toLowerCase();
    let rows = d.stores.filter(r => (!q || r.storeId.toLowerCase().includes(q) || r.storeName.toLowerCase().includes(q))
      && (!o.trouble || r.trouble) && (o.agent === "all" || (o.agent === "online") === r.online));
    if (o.sort) {
      const k = o.sort;
      rows = rows.slice().sort((a, b) => {
        const x = a[k] ?? -Infinity, y = b[k] ?? -Infinity;
        return (x < y ? -1 : x > y ? 1 : 0) * o.dir || a.storeId.localeCompare(b.storeId);
      });
    }
    body.replaceChildren(...rows.map(r => h("tr", { class: "clickable" + (r.trouble ? " trouble" : ""), "data-store": r.storeId,
      onclick: () => { location.hash = "#/store/" + encodeURIComponent(r.storeId); } },
      h("td", { "data-col": "storeId" }, h("a", { href: "#/store/" + encodeURIComponent(r.storeId) }, r.storeId)),
      h("td", { "data-col": "storeName" }, r.storeName),
      h("td", { "data-col": "online", class: r.online ? "online" : r.lastContactAt ? "offline" : "never", "data-agent": r.online ? "online" : r.lastContactAt ? "offline" : "never" },
        r.online ? "● " + t("online") : r.lastContactAt ? "○ " + t("offline") : "— " + t("neverConnected")),
      h("td", { "data-col": "lastContactAt" }, when(r.lastContactAt)),
      h("td", { class: "num", "data-col": "waiting" }, r.waiting),
      h("td", { class: "num", "data-col": "reconciled" }, r.reconciled),
      h("td", { class: "num" + (r.needsReview ? " warn" : ""), "data-col": "needsReview" }, r.needsReview),
      h("td", { class: "num" + (r.failed ? " bad" : ""), "data-col": "failed" }, r.failed),
      h("td", { class: "num", "data-col": "oldestWaitingSeconds" }, age(r.oldestWaitingSeconds)),
      h("td", { "data-col": "lastUploadAt" }, when(r.lastUploadAt)))));
  }

  // ---------- a store's orders ----------
  async function store(storeId) {
    const p = params();
    const base = "#/store/" + encodeURIComponent(storeId);
    const change = (key) => (e) => { p.set(key, e.target.value); p.delete("page"); setParams(base, p); };
    const status = h("select", { id: "st-status", onchange: change("status") },
      h("option", { value: "" }, t("st.any")),
      ["Received", "Reconciled", "NeedsReview", "Failed"].map(s => h("option", { value: s, selected: p.get("status") === s }, s === "Received" ? t("status.waiting") : t("status." + s))));
    const from = h("input", { id: "st-from", type: "date", value: p.get("from") || "", onchange: change("from") });
    const to = h("input", { id: "st-to", type: "date", value: p.get("to") || "", onchange: change("to") });
    const override = h("select", { id: "st-override", onchange: change("hasOverride") },
      h("option", { value: "" }, t("st.any")),
      h("option", { value: "true", selected: p.get("hasOverride") === "true" }, t("st.withOverride")),
      h("option", { value: "false", selected: p.get("hasOverride") === "false" }, t("st.withoutOverride")));
    const title = h("h1", {}, t("st.title") + " " + storeId);
    const table = h("table", { id: "store-orders" }, h("thead", {}, h("tr", {},
      ["col.register", "col.localNo", "col.soldAt", "col.receivedAt", "col.total", "col.status", "col.reason", "col.overrides", "col.overrideAmount", "col.refunded", "col.net"]
        .map((k, i) => h("th", { class: [1, 4, 7, 8, 9, 10].includes(i) ? "num" : "" }, t(k))))), h("tbody", {}));
    const count = h("span", { class: "muted", id: "st-count" });
    const pager = h("div", { class: "pager" });
    const actions = state.me.canAct
      ? h("button", { class: "act", id: "rerun-store", onclick: () => act("/stores/" + encodeURIComponent(storeId) + "/rerun", {}, load) }, t("st.rerunAll"))
      : h("span", { class: "muted" }, t("viewerNote"));
    fill(view(), h("p", {}, h("a", { href: "#/" }, "← " + t("nav.overview"))), title,
      h("div", { class: "toolbar" }, h("label", {}, t("st.status"), status), h("label", {}, t("st.from"), from), h("label", {}, t("st.to"), to),
        h("label", {}, t("st.override"), override), count), h("div", { class: "toolbar" }, actions), table, pager);
    async function load() {
      const q = new URLSearchParams();
      for (const k of ["status", "from", "to", "hasOverride", "page"]) if (p.get(k)) q.set(k, p.get(k));
      try {
        const d = await api("/stores/" + encodeURIComponent(storeId) + "/orders?" + q);
        title.textContent = `${t("st.title")} ${d.storeId} ${d.storeName}`;
        count.textContent = t("st.count", d.total);
        table.tBodies[0].replaceChildren(...d.orders.map(o => h("tr", { class: "clickable", "data-order": o.orderId,
          onclick: () => { location.hash = "#/order/" + o.orderId; } },
          h("td", {}, o.registerId), num(o.localNumber), h("td", {}, when(o.soldAt)), h("td", {}, when(o.receivedAt)), num(money(o.total)),
          h("td", {}, badge(o.status)), h("td", {}, o.statusReason || ""), num(o.overrideCount), num(o.overrideCount ? money(o.overrideAmount) : ""),
          num(o.returnCount ? money(o.refunded) : ""), num(money(o.netTotal)))));
        const page = d.page, pages = Math.max(1, Math.ceil(d.total / d.pageSize));
        const go = n => () => { p.set("page", n); setParams(base, p); };
        pager.replaceChildren(h("button", { disabled: page <= 1, onclick: go(page - 1) }, t("st.prev")), t("st.page", page) + ` / ${pages}`,
          h("button", { disabled: page >= pages, onclick: go(page + 1) }, t("st.next")));
      } catch (e) { flash(e.message, true); }
    }
    await load();
    every(state.me.refreshSeconds * 1000, load);
  }

  // ---------- one order ----------
  async function order(orderId) {
    const root = h("div", {});
    fill(view(), root);
    let skuInputs = {};
    async function load() {
      // Keep what the operator is typing in a mapping box across refreshes.
      const typing = Object.fromEntries(Object.entries(skuInputs).map(([k, i]) => [k, i.value]));
      const focused = document.activeElement?.dataset?.alias;
      let d;
      try { d = await api("/orders/" + orderId); } catch (e) { root.replaceChildren(h("p", { class: "error" }, e.message)); return; }
      const o = d.order;
      const names = d.names || { managers: {} };
      // A name beside its id: "蔡雅婷 (S001-E02)"; an id the cloud has no name for stays as it is.
      const person = (id, name) => !id ? "" : name ? `${name} (${id})` : id;
      const inv = d.invoice;
      const invoiceText = !inv ? t("od.noInvoice") : `${inv.number.slice(0, 2)}-${inv.number.slice(2)}`
        + (inv.carrierId ? ` · ${t("od.carrier")} ${inv.carrierId}` : inv.donationCode ? ` · ${t("od.donation")} ${inv.donationCode}` : inv.buyerTaxId ? ` · ${t("od.taxId")} ${inv.buyerTaxId}` : "")
        + (inv.voided ? ` · ${t("od.voided")}` : "");
      const payText = (d.payments || []).map(p => `${t("pay." + p.method) === "pay." + p.method ? p.method : t("pay." + p.method)} ${money(p.amount)}`).join(" + ") || "—";
      skuInputs = {};
      const typeText = ty => t("type." + ty);
      const unknown = o.lines.filter(l => l.flags.includes("unknownSku"));
      const lineRows = (cells) => o.lines.map(l => h("tr", { "data-line": l.lineNumber }, cells(l)));
      const typed = h("table", { id: "typed" }, h("thead", {}, h("tr", {}, ["col.line", "col.sku", "col.typedName", "col.type", "col.qty", "col.charged"].map(k => h("th", {}, t(k))))),
        h("tbody", {}, lineRows(l => [num(l.lineNumber), h("td", {}, l.sku), h("td", {}, l.typedName || ""), h("td", {}, typeText(l.type)), num(l.quantity), num(money(l.chargedUnitPrice))])));
      const reconciled = h("table", { id: "reconciled" }, h("thead", {}, h("tr", {}, ["col.line", "col.matched", "col.catalogName", "col.expected", "col.flags"].map(k => h("th", {}, t(k))))),
        h("tbody", {}, lineRows(l => [num(l.lineNumber), h("td", {}, l.matchedSku || "—"), h("td", {}, l.catalogName || "—"),
          num(l.expectedUnitPrice === null ? "—" : money(l.expectedUnitPrice)), h("td", { class: l.flags.length ? "warn" : "" }, l.flags.join(", "))])));
      const mapping = state.me.canAct && o.status !== "Reconciled" ? unknown.map(l => {
        const input = h("input", { list: "products", placeholder: t("od.mapTo"), "data-alias": l.sku, value: typing[l.sku] || "",
          oninput: e => suggest(e.target.value) });
        skuInputs[l.sku] = input;
        return h("div", { class: "map-form" }, h("span", {}, l.sku + " →"), input,
          h("button", { class: "act", "data-map": l.sku, onclick: () => act("/sku-mappings", { alias: l.sku, sku: input.value, orderId: o.orderId }, load) }, t("od.map")));
      }) : [];
      const history = h("table", { id: "history" }, h("thead", {}, h("tr", {}, ["col.at", "col.status", "col.reason"].map(k => h("th", {}, t(k))))),
        h("tbody", {}, o.history.map(x => h("tr", {}, h("td", {}, when(x.at)), h("td", {}, badge(x.status)), h("td", {}, x.reason || "")))));
      const overrides = h("table", { id: "overrides" }, h("thead", {}, h("tr", {}, ["col.line", "col.sku", "col.expected", "col.charged", "col.qty", "col.difference", "col.manager"].map(k => h("th", {}, t(k))))),
        h("tbody", {}, o.overrides.map(x => h("tr", {}, num(x.lineNumber), h("td", {}, x.sku), num(money(x.expectedUnitPrice)), num(money(x.chargedUnitPrice)),
          num(x.quantity), num(money(x.difference), x.difference < 0 ? "warn" : ""), h("td", { "data-col": "manager" }, person(x.managerStaffId, names.managers && names.managers[x.managerStaffId]))))));
      const audit = auditTable(d.audit, "order-audit");
      // 退貨: every return of this sale (any register), what it refunded and the override share it reversed.
      const invoiceOutcome = x => x.allowanceCancelledAt ? t("ret.allowanceCancelled") : t("ret.invoice." + x.invoiceOutcome);
      const returnsTable = h("table", { id: "order-returns" }, h("thead", {}, h("tr", {}, ["col.at", "col.register", "col.lines", "col.refund", "col.invoiceChange", "col.reversal", "col.status", "col.reason"].map(k => h("th", {}, t(k))))),
        h("tbody", {}, (o.returns || []).map(x => h("tr", { "data-return": x.returnId }, h("td", {}, when(x.returnedAt)), h("td", {}, x.registerId),
          h("td", {}, x.lines.map(l => `#${l.lineIndex + 1} ${l.sku} × ${l.quantity}`).join(", ")), num(money(x.refundTotal)), h("td", {}, invoiceOutcome(x)),
          num(x.overrideReversal ? money(x.overrideReversal) : ""), h("td", {}, badge(x.status)),
          h("td", {}, x.status === "Received" && x.statusReason ? t("ret.waiting") : (x.statusReason || ""))))));
      fill(root,
        h("p", {}, h("a", { href: "#/store/" + encodeURIComponent(o.storeId) }, "← " + t("od.back") + " " + o.storeId + " " + d.storeName)),
        h("h1", {}, t("od.title") + " " + o.registerId + " #" + o.localNumber + " ", h("span", { id: "order-status" }, badge(o.status))),
        h("p", { class: "muted" }, `${o.orderId} · ${t("col.soldAt")} ${when(o.soldAt)} · ${t("col.receivedAt")} ${when(o.receivedAt)} · ${t("col.total")} ${money(o.total)}`),
        (o.returns || []).length ? h("p", { id: "order-net" }, `${t("col.net")} `, h("b", {}, money(o.netTotal))) : null,
        o.approvedBy ? h("p", { id: "order-approver" }, t("od.approvedBy") + " " + (o.approvedBy === "store-manager-pin" ? t("od.storePin") : o.approvedBy)) : null,
        h("p", { id: "order-people" }, `${t("od.clerk")} ${person(o.staffId, names.clerk)} · ${t("od.customer")} `
          + (o.customerPhone ? (names.customer ? `${names.customer} (${o.customerPhone})` : o.customerPhone) : t("od.walkIn"))),
        h("p", { id: "order-payment" }, `${t("od.payment")} ${payText} · ${t("od.invoice")} `, h("b", { id: "order-invoice" }, invoiceText)),
        o.statusReason ? h("p", { class: "warn", id: "order-reason" }, o.statusReason) : null,
        state.me.canAct ? (o.status !== "Reconciled" ? h("button", { class: "act", id: "rerun-order", onclick: () => act("/orders/" + o.orderId + "/rerun", {}, load) }, t("od.rerun")) : null)
          : h("p", { class: "muted" }, t("viewerNote")),
        h("div", { class: "split" }, h("div", { class: "panel" }, h("h2", {}, t("od.typed")), typed),
          h("div", { class: "panel" }, h("h2", {}, t("od.reconciled")), reconciled, mapping, h("datalist", { id: "products" }))),
        h("h2", {}, t("od.overrides")), overrides, h("h2", {}, t("od.returns")), (o.returns || []).length ? returnsTable : h("p", { class: "muted" }, t("od.noReturns")),
        h("h2", {}, t("od.history")), history, h("h2", {}, t("od.audit")), audit);
      if (focused && skuInputs[focused]) skuInputs[focused].focus();
    }
    async function suggest(term) {
      try {
        const hits = await api("/products?q=" + encodeURIComponent(term));
        document.getElementById("products")?.replaceChildren(...hits.map(p => h("option", { value: p.sku }, p.name)));
      } catch { /* suggestions are a convenience */ }
    }
    await load();
    every(2000, load);
  }

  function auditTable(entries, id) {
    return h("table", { id }, h("thead", {}, h("tr", {}, ["col.at", "col.user", "col.action", "col.target", "col.outcome"].map(k => h("th", {}, t(k))))),
      h("tbody", {}, entries.map(a => h("tr", { "data-action": a.action }, h("td", {}, when(a.at)), h("td", {}, a.userName), h("td", {}, a.action),
        h("td", {}, a.orderId ? h("a", { href: "#/order/" + a.orderId }, a.target) : a.storeId ? h("a", { href: "#/store/" + encodeURIComponent(a.storeId) }, a.target) : a.target),
        h("td", {}, a.outcome || "")))));
  }

  // ---------- charts and exports ----------
  async function chartsView() {
    const p = params();
    const from = p.get("from") || today(-1), to = p.get("to") || today(0);
    const fromIn = h("input", { type: "date", id: "ch-from", value: from }), toIn = h("input", { type: "date", id: "ch-to", value: to });
    const show = () => setParams("#/charts", new URLSearchParams({ from: fromIn.value, to: toIn.value }));
    const flow = h("div", { class: "chart", id: "chart-flow" }), backlog = h("div", { class: "chart", id: "chart-backlog" }), ov = h("div", { class: "chart", id: "chart-overrides" });
    const rets = h("div", { class: "chart", id: "chart-returns" });
    const link = (name, label) => h("a", { class: "act", id: "export-" + name, href: `/dashboard/api/export/${name}.csv?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, download: "" }, label);
    fill(view(), h("h1", {}, t("ch.title")),
      h("div", { class: "toolbar" }, h("label", {}, t("ch.from"), fromIn), h("label", {}, t("ch.to"), toIn), h("button", { class: "act", onclick: show }, t("ch.show"))),
      h("h2", {}, t("ch.flow")), flow, h("h2", {}, t("ch.backlog")), backlog, h("h2", {}, t("ch.overrides")), ov, h("h2", {}, t("ch.returns")), rets,
      h("h2", {}, t("ex.title")), h("div", { class: "toolbar" }, link("overrides", t("ex.overrides")), link("needs-review", t("ex.needsReview")), link("returns", t("ex.returns"))));
    async function load() {
      let d;
      try { d = await api(`/charts?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`); } catch (e) { flash(e.message, true); return; }
      const start = new Date(d.startUtc).getTime();
      const labels = Array.from({ length: d.hours }, (_, i) => hourLabel(new Date(start + i * 3600000)));
      const step = d.hours <= 24 ? 3 : d.hours <= 72 ? 6 : 24;
      charts.line(flow, [{ name: t("ch.uploads"), color: "#175cd3", values: d.uploads, width: 4 },
        { name: t("ch.reconciliations"), color: "#c11574", values: d.reconciliations, dash: "6 4", width: 2 }], labels, { every: step, id: "flow", label: t("ch.flow") });
      charts.line(backlog, [{ name: t("ch.backlog"), color: "#b54708", values: d.backlog, area: true }], labels, { every: step, id: "backlog", label: t("ch.backlog") });
      if (d.overrides.length === 0) ov.replaceChildren(h("p", { class: "muted" }, t("ch.none")));
      else charts.bars(ov, d.overrides.map(x => ({ key: x.storeId, label: `${x.storeId} ${x.storeName}`, value: Number(x.amount),
        title: `${x.storeId} ${x.storeName}: ${money(x.amount)} (${x.count})` })), { id: "overrides", label: t("ch.overrides") });
      const returned = d.returns || [];
      if (returned.length === 0) rets.replaceChildren(h("p", { class: "muted" }, t("ch.none")));
      else charts.bars(rets, returned.map(x => ({ key: x.storeId, label: `${x.storeId} ${x.storeName}`, value: -Number(x.refunded),
        title: `${x.storeId} ${x.storeName}: ${t("col.refund")} ${money(x.refunded)} (${x.count}) · ${t("col.reversal")} ${money(x.overrideReversal)}` })), { id: "returns", label: t("ch.returns") });
    }
    await load();
    every(state.me.refreshSeconds * 1000 * 4, load);
  }

  async function auditView() {
    const root = h("div", {});
    fill(view(), h("h1", {}, t("au.title")), root);
    const load = async () => { try { root.replaceChildren(auditTable(await api("/audit?take=200"), "audit")); } catch (e) { flash(e.message, true); } };
    await load();
    every(state.me.refreshSeconds * 1000, load);
  }

  // ---------- shell ----------
  async function route() {
    stopTimers();
    const path = location.hash.replace(/^#/, "").split("?")[0] || "/";
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    fill(view(), h("p", { class: "muted" }, t("loading")));
    if (parts[0] === "store" && parts[1]) return store(parts[1]);
    if (parts[0] === "order" && parts[1]) return order(parts[1]);
    if (parts[0] === "charts") return chartsView();
    if (parts[0] === "audit") return auditView();
    // Register readiness and the escape-hatch import live in readiness.js.
    if (parts[0] === "readiness") return window.PosReadiness.render(view(), { me: state.me, every, flash });
    // E-invoice uploads (Turnkey delivery) live in einvoice.js.
    if (parts[0] === "einvoice") return window.PosEinvoice.render(view(), { me: state.me, every, flash });
    return overview();
  }
  function chrome() {
    document.querySelectorAll("[data-i18n]").forEach(e => { e.textContent = t(e.dataset.i18n); });
    document.getElementById("lang").textContent = t("lang.switch");
    document.getElementById("who").textContent = `${state.me.displayName} (${t("role." + state.me.role)})`;
    document.getElementById("who").dataset.role = state.me.role;
    document.getElementById("logout-csrf").value = state.me.csrf;
    document.title = "PosCloud " + t("title");
  }
  async function start() {
    state.me = await api("/me");
    chrome();
    document.getElementById("lang").addEventListener("click", () => { i18n.set(i18n.lang === "en" ? "zh-TW" : "en"); chrome(); route(); });
    window.addEventListener("hashchange", route);
    await route();
  }
  document.addEventListener("DOMContentLoaded", () => start().catch(e => flash(e.message, true)));
})();
