// 訂單列表, 上傳紀錄 and 詳情 (refreshed every second while shown: no reload), and 門市管理 (reset).
"use strict";
(() => {
  const P = window.Pos; const { $, t, esc, money } = P;

  const stateCell = (o) => `<span class="state state-${esc(o.state)}" data-testid="upload-state" data-state="${esc(o.state)}">${esc(P.say("state.", o.state))}</span>`;
  // The cloud's reasons are English sentences ("Unknown SKU: A, B"): said in the screen's language.
  P.reasonText = (r) => {
    if (!r) return "";
    const m = /^Unknown SKU: (.*)$/.exec(r);
    if (m) return t("reason.unknownSku", { skus: m[1] });
    // A refusal naming the typed field ("lines[0].name: at most 200 characters"): the manager must see which field to correct.
    if (/^[a-z][\w.\[\]]*: /i.test(r)) return r;
    return P.lang === "en" ? r : t("reason.other");
  };
  const detailLink = (o) => `<a class="button-link small" href="#/detail/${esc(o.orderId)}" data-testid="upload-detail">${esc(t("uploads.detail"))}</a>`;

  let listBusy = false;
  async function refreshLists() {
    if (listBusy) return; listBusy = true;
    try {
      const r = await P.api("GET", "/api/orders?limit=200");
      if (!r.ok) return;
      const orders = r.data;
      if (P.view === "orders") document.querySelector("#orders-table tbody").innerHTML = orders.map((o) =>
        `<tr data-testid="order-row" data-order-id="${esc(o.orderId)}" data-local-number="${o.localNumber}"><td>${o.localNumber}</td><td>${esc(P.when(o.soldAt))}</td>
         <td data-testid="order-invoice">${esc(P.invoiceText(o.invoiceNumber))}</td><td data-testid="order-payment">${esc(P.payment(o.paymentMethod))}</td>
         <td>${esc(o.customerName || o.customerPhone || t("walkIn"))}</td><td class="num" data-testid="order-total">${money(o.total)}</td><td>${stateCell(o)}</td>
         <td class="nowrap">${detailLink(o)} <a class="button-link small" href="#/returns/${esc(o.orderId)}" data-testid="order-return">${esc(t("ret.short"))}</a></td></tr>`).join("");
      if (P.view === "uploads") document.querySelector("#uploads-table tbody").innerHTML = orders.map((o) =>
        `<tr data-testid="upload-row" data-order-id="${esc(o.orderId)}" data-local-number="${o.localNumber}"><td>${o.localNumber}</td><td>${esc(P.when(o.soldAt))}</td><td class="num">${money(o.total)}</td>
         <td>${stateCell(o)}</td><td data-testid="batch-time">${esc(P.when(o.batchCreatedAt))}</td>
         <td class="reasons" data-testid="upload-reasons">${esc(P.reasonText(o.reasons))}${o.uploadBlockedReason ? esc(t("uploads.blocked") + o.uploadBlockedReason) : o.lastUploadError ? esc(t("uploads.retrying")) : ""}</td>
         <td>${detailLink(o)}</td></tr>`).join("");
      if (P.view === "uploads" && P.renderReturnRows) await P.renderReturnRows();
    } finally { listBusy = false; }
  }
  P.onRoute("orders", refreshLists);
  P.onRoute("uploads", refreshLists);

  // ---- 詳情: typed vs the cloud's reconciliation ----
  let detailId = null; let detailNeedsRefresh = false; let detailBusy = false;
  const flagText = (f) => P.say("flag.", f);
  async function showDetail(id, quiet) {
    if (detailBusy) return; detailBusy = true;
    try {
      detailId = id;
      const detailFrom = P.lastList || "#/uploads";
      $("detail-back").setAttribute("href", detailFrom);
      $("detail-back").textContent = t(detailFrom === "#/orders" ? "detail.backOrders" : "detail.back");
      const r = await P.api("GET", "/api/orders/" + encodeURIComponent(id));
      if (!r.ok) { $("detail-cloud-note").textContent = t("detail.notFound"); return; }
      const d = r.data; const o = d.order;
      $("detail-number").textContent = o.localNumber;
      $("detail-state").className = "state state-" + o.state; $("detail-state").textContent = P.say("state.", o.state); $("detail-state").dataset.state = o.state;
      $("detail-payment").textContent = t("detail.paidBy", { how: P.payment((d.payments || []).map((p) => p.method).join("+")) });
      $("detail-catalog").textContent = d.catalogAsOf ? t("detail.catalogAsOf", { when: P.when(d.catalogAsOf) }) : d.typed.some((l) => l.snapshotVersion) ? t("detail.catalogOlder") : "";
      const typedName = {};
      document.querySelector("#detail-typed tbody").innerHTML = d.typed.map((l) => {
        typedName[l.lineNumber] = l.name || l.sku;
        return `<tr data-testid="typed-line"><td>${l.lineNumber}</td><td>${esc(l.name || "")}<div class="muted small">${esc(l.sku)}</div></td><td class="nowrap">${esc(t("type." + l.type))}</td>
         <td class="num">${money(l.unitPrice)}</td><td class="num">${money(l.quantity)}</td>
         <td class="nowrap">${esc(l.priceSource === "catalog" ? t("src.offline") : t("src.typed"))}</td></tr>`;
      }).join("");
      const c = d.cloud;
      $("detail-cloud-note").textContent = c ? P.reasonText(c.statusReason) : t("detail.cloud." + (["notInCloud", "offline"].includes(d.cloudUnavailable) ? d.cloudUnavailable : "unreachable"));
      const cloudNames = {};
      document.querySelector("#detail-cloud tbody").innerHTML = c ? c.lines.map((l) => {
        cloudNames[l.lineNumber] = l.catalogName || l.typedName || l.sku;
        const changed = l.expectedUnitPrice != null && l.expectedUnitPrice !== l.chargedUnitPrice;
        return `<tr data-testid="cloud-line"><td>${l.lineNumber}</td><td data-testid="cloud-catalog-name">${esc(l.catalogName || l.typedName || l.sku)}</td><td class="nowrap">${esc(t("type." + l.type))}</td>
         <td class="num">${l.expectedUnitPrice == null ? "—" : money(l.expectedUnitPrice)}</td><td class="num ${changed ? "override" : ""}">${money(l.chargedUnitPrice)}</td>
         <td data-testid="cloud-flags">${esc((l.flags || []).map(flagText).join("、"))}</td></tr>`;
      }).join("") : "";
      document.querySelector("#detail-overrides tbody").innerHTML = c ? (c.overrides.length ? c.overrides.map((x) => {
        const s = P.signed(x.difference);
        return `<tr data-testid="override-row"><td>${x.lineNumber}</td><td>${esc(cloudNames[x.lineNumber] || typedName[x.lineNumber] || x.sku)}</td><td class="num">${money(x.expectedUnitPrice)}</td>
          <td class="num">${money(x.chargedUnitPrice)}</td><td class="num diff ${s.cls}" data-testid="override-difference">${s.text}</td></tr>`;
      }).join("") : `<tr><td colspan="5">${esc(t("detail.none"))}</td></tr>`) : "";
      $("detail-invoice").textContent = P.invoiceText(o.invoiceNumber);
      $("detail-buyer").textContent = o.buyerTaxId ? t("detail.buyer", { id: o.buyerTaxId }) : o.carrierId ? t("inv.toCarrier", { carrier: o.carrierId }) : o.donationCode ? t("inv.donated", { code: o.donationCode }) : "";
      $("reprint").classList.toggle("hidden", !o.invoiceNumber || !!o.carrierId || !!o.donationCode || !(P.status && P.status.printer && P.status.printer.configured));
      const img = $("receipt-preview");
      if (!quiet) { $("reprint-result").textContent = ""; img.classList.toggle("hidden", !o.invoiceNumber); if (o.invoiceNumber) img.src = d.receiptImageUrl; }
      renderCorrection(o, d);
      // Keep following an order the cloud is still working on.
      detailNeedsRefresh = !c || o.state === "Pending" || o.state === "Uploaded";
    } finally { detailBusy = false; }
  }
  // ---- 修正後重新上傳: a manager corrects the typed text of a refused (失敗) or set-aside (上傳受阻) sale ----
  // A corrected field in words ("第 1 項品名"), not its wire path.
  function fieldLabel(f) {
    const m = /^(lines|payments)\[(\d+)\]\./.exec(f);
    return f === "customerPhone" ? t("correct.phone") : m ? t(m[1] === "lines" ? "correct.name" : "correct.reference", { n: +m[2] + 1 }) : f;
  }
  // The form is drawn once per sale and state, so the once-a-second refresh never wipes what is typed.
  let correctKey = null;
  function renderCorrection(o, d) {
    const form = $("detail-correct");
    const key = o.correctable ? o.orderId + ":" + o.state : null;
    const h = $("detail-history"); const hist = d.corrections || [];
    h.classList.toggle("hidden", hist.length === 0);
    h.querySelector("tbody").innerHTML = hist.map((c) => `<tr data-testid="correction-row"><td>${esc(fieldLabel(c.field))}</td><td><del>${esc(c.oldValue || "—")}</del></td><td>${esc(c.newValue || "—")}</td>
      <td>${esc(t("correct.by", { who: c.correctedBy === "store-manager-pin" ? t("correct.storePin") : c.correctedBy, when: P.when(c.correctedAt) }))}</td></tr>`).join("");
    form.classList.toggle("hidden", !key);
    if (key === correctKey) return;
    correctKey = key;
    if (!key) { form.innerHTML = ""; return; }
    const field = (name, label, value) => `<label>${esc(label)} <input name="${esc(name)}" data-field="${esc(name)}" maxlength="200" value="${esc(value || "")}"></label>`;
    form.innerHTML = `<h2>${esc(t("correct.title"))}</h2><p class="hint">${esc(t("correct.hint"))}</p>
      ${d.typed.map((l, i) => field(`lines[${i}].name`, t("correct.name", { n: i + 1 }), l.name)).join("")}
      ${field("customerPhone", t("correct.phone"), o.customerPhone)}
      ${d.payments.map((p, i) => p.reference != null || p.method === "card" ? field(`payments[${i}].reference`, t("correct.reference", { n: i + 1 }), p.reference) : "").join("")}
      <label>${esc(t("correct.pin"))} <input id="correct-pin" type="password" inputmode="numeric" autocomplete="off" data-testid="correct-pin"></label>
      <button type="submit" class="primary" data-testid="correct-submit">${esc(t("correct.submit"))}</button> <span id="correct-result" role="status" data-testid="correct-result"></span>`;
    form.dataset.original = JSON.stringify(Object.fromEntries([...form.querySelectorAll("[data-field]")].map((x) => [x.dataset.field, x.value])));
  }
  $("detail-correct").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = $("detail-correct"); const original = JSON.parse(form.dataset.original || "{}");
    const changes = [...form.querySelectorAll("[data-field]")].filter((x) => x.value !== original[x.dataset.field]).map((x) => ({ field: x.dataset.field, value: x.value }));
    if (changes.length === 0) { $("correct-result").textContent = t("correct.nothing"); return; }
    const r = await P.api("POST", `/api/orders/${detailId}/correct`, { managerPin: $("correct-pin").value, changes });
    const d = r.data || {}; const code = d.code || (d.errors && d.errors[0] && d.errors[0].code);
    $("correct-result").textContent = r.ok ? t("correct.done")
      : code === "correction.invalid" ? (d.errors || []).map((x) => x.message).join("; ")
      : code === "correction.notRefused" ? t("correct.refused")
      : code === "manager.pin.locked" ? (d.errors && d.errors[0] && d.errors[0].message) || t("err.generic")
      : code ? t("err." + code) : t("err.generic");
    if (r.ok) { correctKey = undefined; showDetail(detailId, true); }
  });

  $("receipt-preview").addEventListener("error", () => $("receipt-preview").classList.add("hidden"));
  $("reprint").addEventListener("click", async () => {
    if (!detailId) return;
    const r = await P.api("POST", `/api/orders/${detailId}/reprint`);
    $("reprint-result").textContent = r.ok ? t("detail.reprinted") : t("err.reprint");
  });
  P.onRoute("detail", (id) => { if (id) showDetail(id, false); });
  P.onPoll(() => {
    if (P.view === "orders" || P.view === "uploads") refreshLists();
    if (P.view === "detail" && detailId && detailNeedsRefresh) showDetail(detailId, true);
  });

  // ---- guarded actions: the agent's own zh-TW / English sentence, never a code ----
  P.showGuard = (r) => {
    const box = $("guard-message"); const d = r.data || {};
    box.textContent = P.lang === "en" ? (d.messageEn || t("err.generic")) : (d.messageZh || t("err.generic"));
    box.classList.toggle("warn", !r.ok); box.classList.toggle("ok", r.ok); box.classList.remove("hidden");
    setTimeout(() => box.classList.add("hidden"), 8000);
  };

  // ---- 門市管理: reset names its consequence, asks the manager's PIN, and the agent refuses it offline ----
  $("reset-data").addEventListener("click", () => {
    $("reset-pin").value = ""; $("reset-result").textContent = P.status && !P.status.managerPinConfigured ? t("reset.noPin") : "";
    P.openDialog("reset-dialog", "reset-pin");
  });
  async function confirmReset() {
    const r = await P.api("POST", "/api/admin/reset", { managerPin: $("reset-pin").value || null });
    const d = r.data || {};
    if (!r.ok) { $("reset-result").textContent = P.lang === "en" ? (d.messageEn || t("err.generic")) : (d.messageZh || t("err.generic")); return; }
    P.closeDialog("reset-dialog"); P.showGuard(r); P.pollStatus();
  }
  $("reset-confirm").addEventListener("click", confirmReset);
  $("reset-pin").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); confirmReset(); } });
})();
