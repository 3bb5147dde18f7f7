// The checkout screen. Plain JS, no framework, no CDN: it must work on a register with no internet.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  let lang = localStorage.getItem("lang") || "zh-TW";
  const t = (key, vars) => {
    let s = (I18N[lang] && I18N[lang][key]) || I18N["zh-TW"][key] || key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace("{" + k + "}", v);
    return s;
  };
  const money = (n) => Number(n).toLocaleString("en-US", { maximumFractionDigits: 2 });
  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const when = (iso) => iso ? new Date(iso).toLocaleString(lang === "en" ? "en-GB" : "zh-TW", { hour12: false }) : "";

  async function api(method, url, body) {
    const res = await fetch(url, { method, headers: body ? { "Content-Type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
    let data = null;
    try { data = await res.json(); } catch { /* empty body */ }
    return { ok: res.ok, status: res.status, data };
  }

  // ---- state ----
  let status = null;            // /api/status
  let staff = [];               // from the snapshot
  let session = { staffId: null, staffName: null, phone: null, customerName: null };
  let lines = [];               // { sku, name, type, price, qty, catalog: {list, addOn} | null, priceEdited }
  let view = "home";

  // ---- i18n ----
  function applyLang() {
    document.documentElement.lang = lang === "en" ? "en" : "zh-Hant-TW";
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    $("lang-toggle").textContent = lang === "en" ? "中文" : "English";
    renderStatus(); renderLines(); if (view === "orders" || view === "uploads") refreshLists();
  }
  $("lang-toggle").addEventListener("click", () => { lang = lang === "en" ? "zh-TW" : "en"; localStorage.setItem("lang", lang); applyLang(); });

  // ---- connectivity: polled every second so the screen follows by itself ----
  function ageText(seconds) {
    if (seconds == null) return t("snapshot.none");
    const s = Math.max(0, Math.round(seconds));
    const a = s < 60 ? t("age.s", { n: s }) : s < 3600 ? t("age.m", { n: Math.floor(s / 60) }) : s < 86400 ? t("age.h", { n: Math.floor(s / 3600) }) : t("age.d", { n: Math.floor(s / 86400) });
    return t("snapshot.age", { age: a });
  }
  function renderStatus() {
    if (!status) return;
    const c = status.connectivity;
    const badge = $("connectivity-badge");
    badge.className = "badge " + c; badge.dataset.state = c; badge.textContent = t("conn." + c);
    const btn = $("frontdesk-button");
    btn.dataset.mode = c; btn.textContent = t("front." + c);
    $("frontdesk-hint").textContent = c === "online" ? t("front.hintOnline") : c === "offline" ? t("front.hintOffline") : "";
    $("store-name").textContent = status.storeName || status.storeId;
    $("register-id").textContent = status.registerId;
    $("snapshot-age").textContent = ageText(status.snapshotAgeSeconds);
    $("pending-count").textContent = status.pending > 0 ? t("pending", { n: status.pending }) : "";
    $("signed-in").textContent = session.staffName ? t("session.signedIn") + session.staffName : "";
    renderInvoiceStatus(); renderPrinter(); renderUploadBlocked();
  }
  // 上傳受阻 / 雲端退回: a sale the queue set aside or the cloud refused; the other sales still upload.
  function renderUploadBlocked() {
    const b = $("upload-blocked"); const n = status.uploadBlocked || 0; const refused = status.refused || 0;
    const reason = (status.uploadBlockedReason || "").slice(0, 80);
    b.textContent = [n > 0 ? t("status.blocked", { n, reason }) : "", refused > 0 ? t("status.refused", { n: refused }) : ""].filter(Boolean).join(" · ");
    b.dataset.blocked = n; b.dataset.refused = refused; b.classList.toggle("hidden", n === 0 && refused === 0);
  }
  // Numbers left in this register's blocks of the current period: a warning below the threshold, a refusal at 0.
  function renderInvoiceStatus() {
    const inv = status && status.invoice; const w = $("invoice-warning");
    if (!inv) { w.classList.add("hidden"); return; }
    $("invoice-remaining").textContent = t("inv.remaining", { period: inv.periodLabel, n: inv.remaining });
    const msg = !inv.hasBlock ? t("inv.noBlock", { period: inv.periodLabel }) : inv.exhausted ? t("inv.exhausted") : inv.low ? t("inv.low", { n: inv.remaining, period: inv.periodLabel }) : "";
    w.textContent = msg; w.dataset.state = inv.exhausted ? "exhausted" : inv.low ? "low" : "ok"; w.classList.toggle("hidden", !msg);
  }
  function renderPrinter() {
    const p = status && status.printer; const b = $("printer-banner");
    const show = p && (p.state === "error" || p.state === "warning");
    b.classList.toggle("hidden", !show); b.classList.toggle("error", !!p && p.state === "error"); b.dataset.state = p ? p.state : "none";
    if (show) $("printer-message").textContent = "🖨 " + p.message;
  }

  // ---- e-invoice buyer fields: the server's checks mirrored, so a typo shows while the customer is here ----
  const carrierOk = (v) => /^\/[A-Z0-9+.-]{7}$/.test(v) || /^[A-Z]{2}[0-9]{14}$/.test(v);
  function taxIdOk(v) {
    if (!/^[0-9]{8}$/.test(v)) return false;
    const w = [1, 2, 1, 2, 1, 2, 4, 1]; let sum = 0;
    for (let i = 0; i < 8; i++) { const p = Number(v[i]) * w[i]; sum += Math.floor(p / 10) + (p % 10); }
    // Divisible by 5 since 2023-04-01; a 7th digit 7 may also count its product 28 as 1.
    return sum % 5 === 0 || (v[6] === "7" && (sum + 1) % 5 === 0);
  }
  function buyerFields() {
    return { carrier: $("inv-carrier").value.trim() || null, buyerTaxId: $("inv-taxid").value.trim() || null, donationCode: $("inv-donation").value.trim() || null };
  }
  function buyerErrors() {
    const b = buyerFields(); const e = [];
    if (b.carrier && !carrierOk(b.carrier)) e.push("carrier.malformed");
    if (b.buyerTaxId && !taxIdOk(b.buyerTaxId)) e.push("buyerTaxId.malformed");
    if (b.donationCode && !/^[0-9]{3,7}$/.test(b.donationCode)) e.push("donationCode.malformed");
    if (b.donationCode && b.buyerTaxId) e.push("donationCode.withTaxId");
    if (b.donationCode && b.carrier) e.push("donationCode.withCarrier");
    return e;
  }
  function renderBuyerErrors() { $("inv-error").textContent = buyerErrors().map((c) => t("err." + c)).join("；"); }
  ["inv-carrier", "inv-taxid", "inv-donation"].forEach((id) => $(id).addEventListener("input", renderBuyerErrors));
  $("printer-retry").addEventListener("click", () => api("POST", "/api/printer/retry"));
  async function pollStatus() {
    try {
      const r = await api("GET", "/api/status");
      if (r.ok) {
        const first = !status; const snapshotChanged = status && status.snapshotVersion !== r.data.snapshotVersion;
        status = r.data; renderStatus();
        if (first || snapshotChanged || staff.length === 0) loadStaff();
      }
    } catch { /* the agent itself restarting: keep the screen, try again */ }
    if (view === "orders" || view === "uploads") refreshLists();
    if (view === "detail" && detailId && detailNeedsRefresh) showDetail(detailId, true);
  }
  setInterval(pollStatus, 1000);

  $("frontdesk-button").addEventListener("click", () => {
    if (!status) return;
    if (status.connectivity === "online") window.open(status.onlinePosUrl, "_blank");
    else go(session.staffId ? "checkout" : "login");
  });

  // ---- navigation ----
  function go(name) { location.hash = "#/" + name; }
  function route() {
    const parts = location.hash.replace(/^#\/?/, "").split("/");
    view = parts[0] || "home";
    if (view === "checkout" && !session.staffId) view = "login";
    document.querySelectorAll(".view").forEach((v) => v.classList.add("hidden"));
    const el = $("view-" + view) || $("view-home");
    el.classList.remove("hidden");
    if (view === "checkout") $("sku-input").focus();
    if (view === "orders" || view === "uploads") refreshLists();
    if (view === "detail" && parts[1]) showDetail(parts[1], false);
  }
  window.addEventListener("hashchange", route);

  // ---- staff + customer login ----
  async function loadStaff() {
    const r = await api("GET", "/api/staff");
    if (!r.ok) return;
    staff = r.data || [];
    const sel = $("staff-select"); const current = sel.value;
    sel.innerHTML = `<option value="">${esc(t("login.pickStaff"))}</option>` + staff.map((s) => `<option value="${esc(s.staffId)}">${esc(s.name)}（${esc(s.staffId)}）</option>`).join("");
    sel.value = current;
    $("staff-error").textContent = staff.length === 0 ? t("login.noSnapshot") : "";
  }
  async function lookupCustomer() {
    const r = await api("GET", "/api/customers/lookup?phone=" + encodeURIComponent($("customer-phone").value));
    const d = r.data || {};
    if (!d.valid) { $("customer-result").textContent = t("login.phoneBad"); session.phone = null; session.customerName = null; return false; }
    session.phone = d.phone; session.customerName = d.found ? d.name : null;
    $("customer-result").textContent = d.found ? `${t("login.member")}：${d.name}（${d.memberLevel || ""}）` : t("login.notFound");
    return true;
  }
  $("customer-lookup").addEventListener("click", lookupCustomer);
  $("customer-phone").addEventListener("keydown", (e) => { if (e.key === "Enter") lookupCustomer(); });
  $("walk-in").addEventListener("click", () => { session.phone = null; session.customerName = null; $("customer-phone").value = ""; $("customer-result").textContent = t("login.walkInChosen"); });
  $("start-checkout").addEventListener("click", async () => {
    const id = $("staff-select").value;
    if (!id) { $("staff-error").textContent = t("err.staff.required"); return; }
    if ($("customer-phone").value.trim() && session.phone === null && !(await lookupCustomer())) return;
    const r = await api("POST", "/api/session/sign-in", { staffId: id });
    if (!r.ok) { $("staff-error").textContent = t("err." + ((r.data && r.data.code) || "generic")); return; }
    session.staffId = id; session.staffName = (staff.find((s) => s.staffId === id) || {}).name || id;
    $("checkout-staff").textContent = session.staffName;
    $("checkout-customer").textContent = session.phone ? `${session.customerName || ""} ${session.phone}`.trim() : t("walkIn");
    renderStatus(); go("checkout");
  });
  $("sign-out").addEventListener("click", async () => {
    const r = await api("POST", "/api/session/sign-out");
    showGuard(r);
    if (r.ok) { session = { staffId: null, staffName: null, phone: null, customerName: null }; renderStatus(); go("home"); }
  });
  $("reset-data").addEventListener("click", async () => showGuard(await api("POST", "/api/admin/reset")));
  function showGuard(r) {
    const box = $("guard-message");
    const d = r.data || {};
    box.textContent = lang === "en" ? (d.messageEn || t("err.generic")) : (d.messageZh || t("err.generic"));
    box.classList.toggle("warn", !r.ok); box.classList.toggle("ok", r.ok); box.classList.remove("hidden");
    setTimeout(() => box.classList.add("hidden"), 8000);
  }

  // ---- checkout ----
  const limits = () => ({ maxPrice: status ? status.maxUnitPrice : 1000000, maxQty: status ? status.maxQuantity : 9999 });
  function catalogPrice(line) {
    if (!line.catalog) return null;
    if (line.type === "gift") return 0;
    if (line.type === "addOn") return line.catalog.addOn ?? line.catalog.list;
    return line.catalog.list;
  }
  // Same rules as SaleRules.ValidateLine on the server (which checks again at completion).
  function lineErrors(line) {
    const errs = {};
    const p = Number(line.price);
    if (line.price === "" || line.price === null || Number.isNaN(p)) errs.price = "price.invalid";
    else if (p < 0) errs.price = "price.negative";
    else if (p > limits().maxPrice) errs.price = "price.absurd";
    else if (Math.round(p * 100) !== p * 100) errs.price = "price.decimals";
    const q = Number(line.qty);
    if (Number.isNaN(q) || q <= 0) errs.qty = "quantity.zero";
    else if (q > limits().maxQty) errs.qty = "quantity.absurd";
    else if (!Number.isInteger(q)) errs.qty = "quantity.fraction";
    return errs;
  }
  function renderLines() {
    const body = document.querySelector("#lines tbody");
    body.innerHTML = lines.map((l, i) => {
      const e = lineErrors(l);
      const src = l.catalog && !l.priceEdited ? `<span class="src-offline" data-testid="line-source">${esc(t("src.offline"))}</span>` : `<span class="muted" data-testid="line-source">${esc(t("src.typed"))}</span>`;
      const sub = e.price || e.qty ? "—" : money(Number(l.price) * Number(l.qty));
      return `<tr data-testid="line-row" data-index="${i}">
        <td>${i + 1}</td><td data-testid="line-sku">${esc(l.sku)}</td>
        <td><input class="line-name" data-testid="line-name" data-index="${i}" value="${esc(l.name)}">${src}</td>
        <td><select class="line-type" data-testid="line-type" data-index="${i}">
          ${["regular", "addOn", "gift"].map((x) => `<option value="${x}" ${l.type === x ? "selected" : ""}>${esc(t("type." + x))}</option>`).join("")}</select></td>
        <td><input class="line-price" data-testid="line-price" data-index="${i}" inputmode="decimal" value="${esc(l.price)}">
          <div class="field-error" data-testid="line-price-error">${e.price ? esc(t("err." + e.price)) : ""}</div></td>
        <td><input class="line-qty" data-testid="line-qty" data-index="${i}" inputmode="numeric" value="${esc(l.qty)}">
          <div class="field-error" data-testid="line-qty-error">${e.qty ? esc(t("err." + e.qty)) : ""}</div></td>
        <td data-testid="line-subtotal">${sub}</td>
        <td><button type="button" class="line-remove" data-testid="line-remove" data-index="${i}">${esc(t("line.remove"))}</button></td></tr>`;
    }).join("");
    renderTotal();
  }
  function total() { return lines.reduce((s, l) => { const e = lineErrors(l); return e.price || e.qty ? s : s + Number(l.price) * Number(l.qty); }, 0); }
  function renderTotal() {
    const tot = total();
    $("total").textContent = money(tot);
    const tendered = Number($("cash-tendered").value);
    $("change-due").textContent = $("cash-tendered").value && tendered >= tot ? money(tendered - tot) : "0";
    const cap = status ? status.offlineSaleCap : 0;
    $("pin-box").classList.toggle("hidden", !(cap > 0 && tot > cap));
  }
  // Edits re-validate the one row in place, so focus and the caret stay where the clerk is typing.
  function updateRowErrors(i) {
    const row = document.querySelector(`#lines tr[data-index="${i}"]`);
    if (!row) return;
    const e = lineErrors(lines[i]);
    row.querySelector('[data-testid=line-price-error]').textContent = e.price ? t("err." + e.price) : "";
    row.querySelector('[data-testid=line-qty-error]').textContent = e.qty ? t("err." + e.qty) : "";
    row.querySelector('[data-testid=line-subtotal]').textContent = e.price || e.qty ? "—" : money(Number(lines[i].price) * Number(lines[i].qty));
    const src = row.querySelector('[data-testid=line-source]');
    const offline = lines[i].catalog && !lines[i].priceEdited;
    src.className = offline ? "src-offline" : "muted"; src.textContent = t(offline ? "src.offline" : "src.typed");
    renderTotal();
  }
  document.querySelector("#lines tbody").addEventListener("input", (e) => {
    const i = Number(e.target.dataset.index); const l = lines[i]; if (!l) return;
    if (e.target.classList.contains("line-price")) { l.price = e.target.value.trim(); l.priceEdited = Number(l.price) !== catalogPrice(l); }
    if (e.target.classList.contains("line-qty")) l.qty = e.target.value.trim();
    if (e.target.classList.contains("line-name")) l.name = e.target.value;
    updateRowErrors(i);
  });
  document.querySelector("#lines tbody").addEventListener("change", (e) => {
    const i = Number(e.target.dataset.index); const l = lines[i]; if (!l) return;
    if (e.target.classList.contains("line-type")) {
      l.type = e.target.value;
      // A price the clerk did not touch follows the line type; a typed one is the clerk's word and stays.
      if (!l.priceEdited && l.catalog) l.price = String(catalogPrice(l));
      else if (!l.catalog && l.type === "gift" && l.price === "") l.price = "0";
      renderLines();
    }
  });
  document.querySelector("#lines tbody").addEventListener("click", (e) => {
    if (e.target.classList.contains("line-remove")) { lines.splice(Number(e.target.dataset.index), 1); renderLines(); $("sku-input").focus(); }
  });

  // A scanner types the code and sends Enter: one request, one new line, focus stays on the field.
  // The field is emptied at once and scans are handled one after another: a scanner types the next
  // code while the previous one is still being looked up, and none of its keystrokes may be lost or
  // its line land out of order (CI caught a lost scan on a busy machine).
  let scans = Promise.resolve();
  $("sku-input").addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const raw = $("sku-input").value;
    $("sku-input").value = "";
    $("sku-error").textContent = ""; $("sku-warning").textContent = "";
    scans = scans.then(() => addScanned(raw));
  });

  async function addScanned(raw) {
    // A failed request (the agent restarting) is an error like any other; it must not stop the scans behind it.
    const r = await api("POST", "/api/checkout/scan", { sku: raw, type: "regular" }).catch(() => ({ ok: false, data: null }));
    const d = r.data || {};
    if (!r.ok || !d.ok) {
      $("sku-error").textContent = t("err." + ((d.error && d.error.code) || "generic"));
      // Give a typed code back to correct it, unless the next scan has started filling the field.
      if ($("sku-input").value === "") { $("sku-input").value = raw; $("sku-input").select(); }
      return;
    }
    if (d.warning) $("sku-warning").textContent = `${d.sku}: ${t("err." + d.warning.code)}`;
    lines.push({ sku: d.sku, name: d.name || "", type: "regular", price: d.price != null ? String(d.price) : "", qty: "1",
      catalog: d.fromCatalog ? { list: d.listPrice, addOn: d.addOnPrice } : null, priceEdited: false });
    renderLines();
    $("sku-input").focus();
  }

  document.querySelectorAll('input[name=pay-method]').forEach((r) => r.addEventListener("change", () => {
    const cash = $("pay-cash").checked;
    $("cash-box").classList.toggle("hidden", !cash); $("card-box").classList.toggle("hidden", cash);
  }));
  $("cash-tendered").addEventListener("input", renderTotal);

  let completing = false;
  $("complete-sale").addEventListener("click", async () => {
    if (completing) return;
    $("sale-error").textContent = ""; $("sale-done").classList.add("hidden");
    const bad = lines.findIndex((l) => Object.keys(lineErrors(l)).length > 0);
    if (lines.length === 0) { $("sale-error").textContent = t("err.lines.empty"); return; }
    if (bad >= 0) { $("sale-error").textContent = `#${bad + 1}: ${t("err." + Object.values(lineErrors(lines[bad]))[0])}`; return; }
    if (buyerErrors().length) { renderBuyerErrors(); return; }
    const cash = $("pay-cash").checked;
    const body = {
      staffId: session.staffId, customerPhone: session.phone,
      lines: lines.map((l) => ({ sku: l.sku, name: l.name || null, type: l.type, quantity: Number(l.qty), unitPrice: Number(l.price) })),
      paymentMethod: cash ? "cash" : "card",
      cashTendered: cash && $("cash-tendered").value !== "" ? Number($("cash-tendered").value) : null,
      cardReference: cash ? null : $("card-ref").value, managerPin: $("manager-pin").value || null,
      ...buyerFields(),
    };
    completing = true; $("complete-sale").disabled = true;
    try {
      const r = await api("POST", "/api/checkout/complete", body);
      const d = r.data || {};
      if (!r.ok || !d.ok) {
        if (d.needsManagerPin) $("pin-box").classList.remove("hidden");
        // Invoice refusals carry their own zh-TW + English sentence (period, block); other codes are translated here.
        $("sale-error").textContent = (d.errors || [{ code: "generic" }]).map((x) => (x.field && x.field.startsWith("lines[") ? `#${Number(x.field.match(/\d+/)[0]) + 1} ` : "")
          + (x.code.startsWith("invoice.") || !I18N["zh-TW"]["err." + x.code] ? (x.message || t("err.generic")) : t("err." + x.code))).join("；");
        if (d.invoiceRefused) pollStatus();
        return;
      }
      const s = d.sale;
      $("sale-done").textContent = t("checkout.done", { n: s.localNumber, total: money(s.total) }) + (s.changeDue != null ? t("checkout.change", { change: money(s.changeDue) }) : "")
        + (s.invoiceNumber ? "。" + t("inv.number", { number: s.invoiceNumber.slice(0, 2) + "-" + s.invoiceNumber.slice(2) })
          + (s.carrierId ? t("inv.toCarrier", { carrier: s.carrierId }) : s.donationCode ? t("inv.donated", { code: s.donationCode }) : s.proofPrinted ? t("inv.printing") : "") : "");
      $("sale-done").classList.remove("hidden");
      lines = []; renderLines();
      ["cash-tendered", "card-ref", "manager-pin", "inv-carrier", "inv-taxid", "inv-donation"].forEach((id) => ($(id).value = ""));
      $("inv-error").textContent = "";
      renderTotal(); pollStatus(); $("sku-input").focus();
    } catch { $("sale-error").textContent = t("err.generic"); }
    finally { completing = false; $("complete-sale").disabled = false; }
  });

  // ---- order list and 上傳紀錄 (refreshed every second while shown: no reload) ----
  const stateCell = (o) => `<span class="state state-${esc(o.state)}" data-testid="upload-state" data-state="${esc(o.state)}">${esc(t("state." + o.state))}</span>`;
  let listBusy = false;
  async function refreshLists() {
    if (listBusy) return; listBusy = true;
    try {
      const r = await api("GET", "/api/orders?limit=200");
      if (!r.ok) return;
      const orders = r.data;
      if (view === "orders") document.querySelector("#orders-table tbody").innerHTML = orders.map((o) =>
        `<tr data-testid="order-row" data-order-id="${o.orderId}" data-local-number="${o.localNumber}"><td>${o.localNumber}</td><td>${esc(when(o.soldAt))}</td>
         <td>${esc(o.staffName || o.staffId)}</td><td>${esc(o.customerName || o.customerPhone || t("walkIn"))}</td><td data-testid="order-total">${money(o.total)}</td><td>${stateCell(o)}</td></tr>`).join("");
      if (view === "uploads") document.querySelector("#uploads-table tbody").innerHTML = orders.map((o) =>
        `<tr data-testid="upload-row" data-order-id="${o.orderId}" data-local-number="${o.localNumber}"><td>${o.localNumber}</td><td>${esc(when(o.soldAt))}</td><td>${money(o.total)}</td>
         <td>${stateCell(o)}</td><td data-testid="batch-time">${esc(when(o.batchCreatedAt))}</td>
         <td class="reasons" data-testid="upload-reasons">${esc(o.reasons || "")}${o.uploadBlockedReason ? esc(t("uploads.blocked") + o.uploadBlockedReason) : o.lastUploadError ? esc(t("uploads.retrying") + o.lastUploadError) : ""}</td>
         <td><a href="#/detail/${o.orderId}" data-testid="upload-detail">${esc(t("uploads.detail"))}</a></td></tr>`).join("");
    } finally { listBusy = false; }
  }

  // ---- 詳情: typed vs the cloud's reconciliation ----
  let detailId = null; let detailNeedsRefresh = false; let detailBusy = false;
  async function showDetail(id, quiet) {
    if (detailBusy) return; detailBusy = true;
    try {
      detailId = id;
      const r = await api("GET", "/api/orders/" + id);
      if (!r.ok) { $("detail-cloud-note").textContent = t("err.generic"); return; }
      const d = r.data; const o = d.order;
      $("detail-number").textContent = o.localNumber;
      $("detail-state").className = "state state-" + o.state; $("detail-state").textContent = t("state." + o.state); $("detail-state").dataset.state = o.state;
      document.querySelector("#detail-typed tbody").innerHTML = d.typed.map((l) =>
        `<tr data-testid="typed-line"><td>${l.lineNumber}</td><td>${esc(l.sku)}</td><td>${esc(l.name || "")}</td><td>${esc(t("type." + l.type))}</td><td>${money(l.unitPrice)}</td><td>${money(l.quantity)}</td>
         <td>${esc(l.priceSource === "catalog" ? t("src.offline") : t("src.typed"))}${l.snapshotVersion ? " · " + esc(l.snapshotVersion) : ""}</td></tr>`).join("");
      const c = d.cloud;
      $("detail-cloud-note").textContent = c ? (c.statusReason || "") : t("detail.cloud." + (d.cloudUnavailable || "unreachable"));
      document.querySelector("#detail-cloud tbody").innerHTML = c ? c.lines.map((l) =>
        `<tr data-testid="cloud-line"><td>${l.lineNumber}</td><td data-testid="cloud-catalog-name">${esc(l.catalogName || l.typedName || l.sku)}</td><td>${esc(t("type." + l.type))}</td>
         <td>${l.expectedUnitPrice == null ? "—" : money(l.expectedUnitPrice)}</td><td class="${l.expectedUnitPrice != null && l.expectedUnitPrice !== l.chargedUnitPrice ? "override" : ""}">${money(l.chargedUnitPrice)}</td>
         <td>${esc((l.flags || []).join(", "))}</td></tr>`).join("") : "";
      document.querySelector("#detail-overrides tbody").innerHTML = c ? (c.overrides.length ? c.overrides.map((x) =>
        `<tr data-testid="override-row"><td>${x.lineNumber}</td><td>${esc(x.sku)}</td><td>${money(x.expectedUnitPrice)}</td><td>${money(x.chargedUnitPrice)}</td><td class="override">${money(x.difference)}</td></tr>`).join("")
        : `<tr><td colspan="5">${esc(t("detail.none"))}</td></tr>`) : "";
      $("detail-invoice").textContent = o.invoiceNumber ? o.invoiceNumber.slice(0, 2) + "-" + o.invoiceNumber.slice(2) : "—";
      $("detail-buyer").textContent = o.buyerTaxId ? t("detail.buyer", { id: o.buyerTaxId }) : o.carrierId ? t("inv.toCarrier", { carrier: o.carrierId }) : o.donationCode ? t("inv.donated", { code: o.donationCode }) : "";
      $("reprint").classList.toggle("hidden", !o.invoiceNumber || !!o.carrierId || !!o.donationCode || !(status && status.printer && status.printer.configured));
      const img = $("receipt-preview");
      if (!quiet) { $("reprint-result").textContent = ""; img.classList.toggle("hidden", !o.invoiceNumber); if (o.invoiceNumber) img.src = d.receiptImageUrl; }
      renderCorrection(o, d);
      // Keep following an order the cloud is still working on.
      detailNeedsRefresh = !c || o.state === "Pending" || o.state === "Uploaded";
    } finally { detailBusy = false; }
  }

  // A corrected field in words ("第 1 項品名"), not its wire path.
  function fieldLabel(f) {
    const m = /^(lines|payments)\[(\d+)\]\./.exec(f);
    return f === "customerPhone" ? t("correct.phone") : m ? t(m[1] === "lines" ? "correct.name" : "correct.reference", { n: +m[2] + 1 }) : f;
  }
  // 修正後重新上傳: the form is drawn once per sale and state, so the once-a-second refresh never wipes what is typed.
  let correctKey = null;
  function renderCorrection(o, d) {
    const form = $("detail-correct");
    const key = o.correctable ? o.orderId + ":" + o.state : null;
    const h = $("detail-history"); const hist = d.corrections || [];
    h.classList.toggle("hidden", hist.length === 0);
    h.querySelector("tbody").innerHTML = hist.map((c) => `<tr data-testid="correction-row"><td>${esc(fieldLabel(c.field))}</td><td><del>${esc(c.oldValue || "—")}</del></td><td>${esc(c.newValue || "—")}</td>
      <td>${esc(t("correct.by", { who: c.correctedBy === "store-manager-pin" ? t("correct.storePin") : c.correctedBy, when: when(c.correctedAt) }))}</td></tr>`).join("");
    form.classList.toggle("hidden", !key);
    if (key === correctKey) return;
    correctKey = key;
    if (!key) { form.innerHTML = ""; return; }
    const field = (name, label, value) => `<label>${esc(label)} <input name="${esc(name)}" data-field="${esc(name)}" maxlength="200" value="${esc(value || "")}"></label>`;
    form.innerHTML = `<h3>${esc(t("correct.title"))}</h3><p class="muted">${esc(t("correct.hint"))}</p>
      ${d.typed.map((l, i) => field(`lines[${i}].name`, t("correct.name", { n: i + 1 }), l.name)).join("")}
      ${field("customerPhone", t("correct.phone"), o.customerPhone)}
      ${d.payments.map((p, i) => p.reference != null || p.method === "card" ? field(`payments[${i}].reference`, t("correct.reference", { n: i + 1 }), p.reference) : "").join("")}
      <label>${esc(t("correct.pin"))} <input id="correct-pin" type="password" inputmode="numeric" data-testid="correct-pin"></label>
      <button type="submit" data-testid="correct-submit">${esc(t("correct.submit"))}</button> <span id="correct-result" data-testid="correct-result"></span>`;
    form.dataset.original = JSON.stringify(Object.fromEntries([...form.querySelectorAll("[data-field]")].map((x) => [x.dataset.field, x.value])));
  }
  $("detail-correct").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = $("detail-correct"); const original = JSON.parse(form.dataset.original || "{}");
    const changes = [...form.querySelectorAll("[data-field]")].filter((x) => x.value !== original[x.dataset.field]).map((x) => ({ field: x.dataset.field, value: x.value }));
    if (changes.length === 0) { $("correct-result").textContent = t("correct.nothing"); return; }
    const r = await api("POST", `/api/orders/${detailId}/correct`, { managerPin: $("correct-pin").value, changes });
    const code = r.data && r.data.code;
    $("correct-result").textContent = r.ok ? t("correct.done")
      : code === "correction.invalid" ? r.data.errors.map((x) => x.message).join("; ")
      : code === "correction.notRefused" ? t("correct.refused")
      : code ? t("err." + code) : t("err.generic");
    if (r.ok) { correctKey = undefined; showDetail(detailId, true); }
  });

  $("reprint").addEventListener("click", async () => {
    if (!detailId) return;
    const r = await api("POST", `/api/orders/${detailId}/reprint`);
    $("reprint-result").textContent = r.ok ? t("detail.reprinted") : ((r.data && (r.data.title || r.data.detail)) || t("err.generic"));
  });

  applyLang();
  pollStatus();
  route();
})();
