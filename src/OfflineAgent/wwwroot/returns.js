// 退貨／作廢 (#/returns, #/returns/{orderId}) and a return's 詳情 (#/return/{returnId}). The agent decides what the
// return does to the invoice (作廢 / 作廢並開立新發票 / 折讓); the screen shows it before the clerk confirms.
"use strict";
(() => {
  const P = window.Pos; const { $, t, esc, money } = P;
  let sale = null; let qty = {}; let method = "cash"; let plan = null; let busy = false; let previewTimer = null;

  const docText = (d) => t("ret.doc." + (d || "None"));
  const lineName = (l) => l.name || l.sku;

  function reset() {
    sale = null; qty = {}; plan = null; method = "cash";
    $("ret-sale").classList.add("hidden"); $("ret-done").classList.add("hidden"); $("ral").classList.remove("hidden");
    $("ret-find-error").textContent = ""; $("ret-error").textContent = ""; $("ret-code").value = "";
    $("ret-reason").value = ""; $("ret-reason-pick").value = ""; $("ret-card-ref").value = ""; $("ret-pin").value = "";
    $("ret-whole").checked = true; setMethod("cash");
  }

  async function find(params) {
    $("ret-find-error").textContent = "";
    const r = await P.api("GET", "/api/returns/sale?" + new URLSearchParams(params).toString());
    if (!r.ok) { $("ret-sale").classList.add("hidden"); $("ret-find-error").textContent = errorText(r.data); $("ret-code").select(); return; }
    sale = r.data.sale; qty = {};
    sale.lines.forEach((l) => { qty[l.lineIndex] = 0; });
    $("ret-done").classList.add("hidden"); $("ret-sale").classList.remove("hidden"); $("ral").classList.add("hidden");
    renderSale(); schedulePreview();
    $("ret-reason-pick").focus();
  }

  function renderSale() {
    const inv = sale.invoiceNumber ? P.invoiceText(sale.invoiceNumber) : t("ret.noInvoice");
    const where = sale.otherStore ? t("ret.otherStore", { store: sale.storeName || t("ret.anotherStore") })
      : sale.remote ? t("ret.otherRegister", { register: sale.registerId }) : t("ret.thisRegister", { n: sale.localNumber });
    const paper = !sale.invoiceNumber ? "" : sale.onCarrier ? t("ret.onCarrier") : sale.donated ? t("ret.donated") : sale.buyerTaxId ? t("detail.buyer", { id: sale.buyerTaxId }) : "";
    $("ret-sale-head").textContent = `${where} · ${P.when(sale.soldAt)} · ${t("detail.invoice")} ${inv} ${paper} · NT$ ${money(sale.total)}`;
    const whole = $("ret-whole").checked;
    document.querySelector("#ret-lines tbody").innerHTML = sale.lines.map((l) => {
      const q = whole ? l.left : qty[l.lineIndex];
      return `<tr data-testid="return-line" data-line-index="${l.lineIndex}"><td>${esc(lineName(l))}<div class="muted small">${esc(l.sku)}</div></td>
        <td class="num">${money(l.unitPrice)}</td><td class="num">${money(l.sold)}</td><td class="num" data-testid="return-line-left">${money(l.left)}</td>
        <td><div class="ret-qty"><button type="button" class="secondary" data-act="less" data-i="${l.lineIndex}" aria-label="${esc(t("line.less"))} ${esc(lineName(l))}" ${whole || q <= 0 ? "disabled" : ""}>−</button>
        <output data-testid="return-line-qty">${money(q)}</output>
        <button type="button" class="secondary" data-act="more" data-i="${l.lineIndex}" data-testid="return-line-more" aria-label="${esc(t("line.more"))} ${esc(lineName(l))}" ${whole || q >= l.left ? "disabled" : ""}>+</button></div></td></tr>`;
    }).join("");
  }

  function input(confirming) {
    const whole = $("ret-whole").checked;
    return {
      // A sale of another register or store is found again by its invoice (period + number): the cloud reads it that way.
      orderId: sale.remote ? null : sale.orderId, code: sale.remote ? (sale.invoicePeriod || "") + sale.invoiceNumber : null, whole,
      lines: whole ? [] : Object.entries(qty).filter(([, q]) => q > 0).map(([i, q]) => ({ lineIndex: Number(i), quantity: q })),
      reason: $("ret-reason").value.trim() || $("ret-reason-pick").value || null,
      refundMethod: method, cardReference: method === "card" ? $("ret-card-ref").value.trim() : null,
      staffId: P.session.staffId, managerPin: confirming ? $("ret-pin").value.trim() || null : null,
      buyerConsent: $("ret-consent-row").classList.contains("hidden") ? null : $("ret-consent").value,
    };
  }

  function schedulePreview() { clearTimeout(previewTimer); previewTimer = setTimeout(preview, 120); }
  async function preview() {
    if (!sale) return;
    const r = await P.api("POST", "/api/returns/preview", input(false));
    plan = r.data && r.data.plan;
    renderPlan(r.data);
  }

  function renderPlan(data) {
    const p = plan;
    $("ret-refund").textContent = money(p ? p.refundTotal : 0);
    // Field errors that only say "nothing chosen yet" are not shown as errors before the clerk confirms.
    const errors = (data && data.errors) || [];
    const shown = errors.filter((e) => !["reason.required", "lines.empty"].includes(e.code));
    $("ret-error").textContent = shown.map(errorLine).join("\n");
    const allowance = p && p.document === "Allowance";
    $("ret-consent-row").classList.toggle("hidden", !(allowance && sale && !sale.buyerTaxId && !sale.onCarrier));
    $("ret-pin-row").classList.toggle("hidden", !(p && p.needsManagerPin));
    if (!p || errors.some((e) => e.code !== "reason.required")) { $("ret-outcome").innerHTML = ""; return; }
    const items = [];
    if (p.document === "Cancel" || p.document === "CancelAndReissue") {
      items.push(esc(t("ret.willCancel", { number: P.invoiceText(sale.invoiceNumber) })));
      if (p.collectPaperProof) items.push(`<span class="collect">${esc(t("ret.collectProof"))}</span>`);
      else if (sale.onCarrier || sale.donated) items.push(esc(t("ret.noPaper")));
    }
    if (p.document === "CancelAndReissue") items.push(esc(t("ret.willReissue", { total: money(p.kept.reduce((s, l) => s + l.quantity * l.unitPrice, 0)) })));
    if (allowance) {
      items.push(esc(t(p.filed ? "ret.willAllowanceFiled" : sale.buyerTaxId ? "ret.willAllowanceB2B" : "ret.willAllowanceNotHere")));
      items.push(esc(t(p.allowanceCopies === 2 ? "ret.allowanceTwo" : "ret.allowanceOne")));
    }
    if (p.document === "None") items.push(esc(t("ret.doc.None")));
    if (p.needsManagerPin) items.push(esc(t("ret.needsPin")));
    $("ret-outcome").innerHTML = `<b data-testid="return-document" data-document="${esc(p.document)}">${esc(docText(p.document))}</b><ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`;
  }

  const errorLine = (e) => (I18N["zh-TW"]["err.ret." + e.code] ? t("err.ret." + e.code) : P.lang === "en" ? e.message.replace(/^.*\((.*)\)\.?$/, "$1") : e.message.replace(/ \(.*\)\.?$/, ""));
  const errorText = (data) => ((data && data.errors) || []).map(errorLine).join("\n") || t("err.generic");

  function setMethod(m) {
    method = m;
    $("ret-cash").setAttribute("aria-pressed", String(m === "cash")); $("ret-card").setAttribute("aria-pressed", String(m === "card"));
    $("ret-card-row").classList.toggle("hidden", m !== "card");
  }

  async function confirm() {
    if (!sale || busy) return; busy = true; $("ret-confirm").disabled = true;
    try {
      const r = await P.api("POST", "/api/returns", input(true));
      if (!r.ok) { plan = r.data && r.data.plan; renderPlan(r.data); $("ret-error").textContent = errorText(r.data); if (r.data && r.data.needsManagerPin) $("ret-pin").focus(); return; }
      showDone(r.data.return);
    } finally { busy = false; $("ret-confirm").disabled = false; }
  }

  function outcomeLines(x) {
    const items = [t("ret.doneRefund", { total: money(x.refundTotal), how: P.say("pay.", x.refundMethod) })];
    if (x.cancelledInvoiceNumber) items.push(t("ret.doneCancelled", { number: P.invoiceText(x.cancelledInvoiceNumber) }));
    if (x.collectPaperProof && x.cancelledInvoiceNumber) items.push(t("ret.collectProof"));
    if (x.replacementInvoiceNumber) items.push(t("ret.doneReissued", { number: P.invoiceText(x.replacementInvoiceNumber) }));
    if (x.allowanceNumber) items.push(t("ret.doneAllowance", { number: x.allowanceNumber }));
    if (x.allowanceCancelledAt) items.push(t("ret.allowanceCancelled", { number: x.allowanceNumber, when: P.when(x.allowanceCancelledAt) })
      + (x.allowanceCancelState ? "（" + t("ral.state." + x.allowanceCancelState) + "）" : ""));
    return items;
  }

  function showDone(x) {
    $("ret-sale").classList.add("hidden"); $("ret-done").classList.remove("hidden"); $("ral").classList.add("hidden");
    $("ret-done-title").textContent = t("ret.doneTitle", { n: x.localNumber });
    $("ret-done-list").innerHTML = outcomeLines(x).map((i) => `<li>${esc(i)}</li>`).join("");
    previews(x, "ret-invoice-preview", "ret-allowance-preview");
    sale = null;
    $("ret-next").focus();
  }

  function previews(x, invoiceImg, allowanceImg) {
    const inv = $(invoiceImg); const al = $(allowanceImg);
    inv.classList.toggle("hidden", !x.replacementInvoiceNumber); al.classList.toggle("hidden", !x.allowanceNumber);
    if (x.replacementInvoiceNumber) { inv.src = `/receipts/returns/${encodeURIComponent(x.returnId)}/invoice.png`; inv.alt = t("ret.invoicePreview"); }
    if (x.allowanceNumber) { al.src = `/receipts/returns/${encodeURIComponent(x.returnId)}/allowance.png`; al.alt = t("ret.allowancePreview"); }
  }

  // ---- events ----
  $("ret-find-form").addEventListener("submit", (e) => { e.preventDefault(); const code = $("ret-code").value.trim(); if (code) find({ code }); });
  document.querySelector("#ret-lines tbody").addEventListener("click", (e) => {
    const b = e.target.closest("button[data-act]"); if (!b || !sale) return;
    const i = Number(b.dataset.i); const line = sale.lines.find((l) => l.lineIndex === i);
    qty[i] = Math.max(0, Math.min(line.left, (qty[i] || 0) + (b.dataset.act === "more" ? 1 : -1)));
    renderSale(); schedulePreview();
  });
  document.querySelectorAll("input[name=ret-scope]").forEach((r) => r.addEventListener("change", () => { if (sale) { renderSale(); schedulePreview(); } }));
  $("ret-reason-pick").addEventListener("change", () => { if (!$("ret-reason").value.trim()) $("ret-reason").placeholder = $("ret-reason-pick").value; schedulePreview(); });
  ["ret-reason", "ret-card-ref"].forEach((id) => $(id).addEventListener("input", schedulePreview));
  $("ret-consent").addEventListener("change", schedulePreview);
  $("ret-cash").addEventListener("click", () => { setMethod("cash"); schedulePreview(); });
  $("ret-card").addEventListener("click", () => { setMethod("card"); schedulePreview(); $("ret-card-ref").focus(); });
  $("ret-confirm").addEventListener("click", confirm);
  $("ret-pin").addEventListener("keydown", (e) => { if (e.key === "Enter") confirm(); });
  $("ret-next").addEventListener("click", () => { reset(); renderAllowances(); $("ret-code").focus(); });

  // ---- 作廢折讓: this register's allowances that can still be cancelled (the agent says which and until when) ----
  let cancelling = null;
  async function renderAllowances() {
    const r = await P.api("GET", "/api/returns?limit=200");
    if (!r.ok) return;
    const rows = r.data.map((x) => x.view).filter((x) => x.canCancelAllowance);
    $("ral-empty").classList.toggle("hidden", rows.length > 0);
    $("ral-table").classList.toggle("hidden", rows.length === 0);
    document.querySelector("#ral-table tbody").innerHTML = rows.map((x) =>
      `<tr data-testid="allowance-row" data-return-id="${esc(x.returnId)}"><td>${x.localNumber}</td><td>${esc(P.when(x.returnedAt))}</td><td>${esc(x.allowanceNumber)}</td>
       <td class="num">${money(x.refundTotal)}</td><td>${esc(x.allowanceCancelLastDay || "")}</td>
       <td><button type="button" class="small" data-act="cancel-allowance" data-testid="allowance-cancel-open">${esc(t("ral.open"))}</button></td></tr>`).join("");
    P.ralRows = rows;
  }
  function openCancel(x) {
    cancelling = x;
    $("ral-form").classList.remove("hidden"); $("ral-error").textContent = ""; $("ral-reason").value = ""; $("ral-pin").value = "";
    $("ral-form-head").textContent = t("ral.head", { number: x.allowanceNumber, n: x.localNumber });
    $("ral-steps").innerHTML = [t("ral.stepTakeBack", { total: money(x.refundTotal), how: P.say("pay.", x.refundMethod) }), t("ral.stepPaper"), t("ral.stepUndo")]
      .map((i) => `<li>${esc(i)}</li>`).join("");
    $("ral-reason").focus();
  }
  async function confirmCancel() {
    if (!cancelling || busy) return; busy = true; $("ral-confirm").disabled = true;
    try {
      const r = await P.api("POST", `/api/returns/${encodeURIComponent(cancelling.returnId)}/cancel-allowance`,
        { reason: $("ral-reason").value.trim(), staffId: P.session.staffId, managerPin: $("ral-pin").value.trim() || null });
      if (!r.ok) {
        // The PIN here approves the cancel, not a refund above the limit: its own words for a missing PIN.
        const errors = ((r.data && r.data.errors) || []).map((e) => e.code === "manager.pin.required" ? t("ral.needsPin") : errorLine(e));
        $("ral-error").textContent = errors.join("\n") || t("err.generic");
        if (r.data && r.data.needsManagerPin) $("ral-pin").focus();
        return;
      }
      const x = r.data.return;
      $("ral-done").textContent = t("ral.done", { number: x.allowanceNumber, n: x.localNumber, total: money(x.refundTakenBack) });
      $("ral-form").classList.add("hidden"); cancelling = null;
      await renderAllowances();
      $("ret-code").focus();
    } finally { busy = false; $("ral-confirm").disabled = false; }
  }
  document.querySelector("#ral-table tbody").addEventListener("click", (e) => {
    const b = e.target.closest("button[data-act=cancel-allowance]"); if (!b) return;
    const id = b.closest("tr").dataset.returnId; const x = (P.ralRows || []).find((v) => v.returnId === id);
    if (x) openCancel(x);
  });
  $("ral-confirm").addEventListener("click", confirmCancel);
  $("ral-pin").addEventListener("keydown", (e) => { if (e.key === "Enter") confirmCancel(); });
  $("ral-close").addEventListener("click", () => { $("ral-form").classList.add("hidden"); cancelling = null; });

  P.onRoute("returns", (arg) => {
    reset();
    $("ral-done").textContent = ""; $("ral-form").classList.add("hidden"); cancelling = null;
    renderAllowances();
    if (arg) find({ orderId: arg }); else $("ret-code").focus();
  });

  // ---- 上傳紀錄: returns under the sales; 詳情 of a return ----
  P.renderReturnRows = async () => {
    const r = await P.api("GET", "/api/returns?limit=200");
    if (!r.ok) return;
    document.querySelector("#returns-table tbody").innerHTML = r.data.map(({ view: x, uploadBlockedReason, lastUploadError }) =>
      `<tr data-testid="return-row" data-return-id="${esc(x.returnId)}"><td>${x.localNumber}</td><td>${esc(P.when(x.returnedAt))}</td><td class="num">${money(x.refundTotal)}</td>
       <td>${esc(docText(x.document))}${x.allowanceCancelledAt ? esc(" · " + t("ret.allowanceCancelled", { number: x.allowanceNumber, when: P.when(x.allowanceCancelledAt) })) : ""}</td>
       <td><span class="state state-${esc(x.waitingForOriginal ? "Pending" : x.state)}" data-testid="return-state" data-state="${esc(x.state)}">${esc(x.waitingForOriginal ? t("ret.waitingOriginal") : P.say("state.", x.state))}</span></td>
       <td class="reasons">${esc(x.waitingForOriginal ? t("ret.waitingOriginalReason") : P.reasonText(x.reasons))}${uploadBlockedReason ? esc(t("uploads.blocked") + uploadBlockedReason) : lastUploadError ? esc(t("uploads.retrying")) : ""}</td>
       <td><a class="button-link small" href="#/return/${esc(x.returnId)}" data-testid="return-detail-link">${esc(t("uploads.detail"))}</a></td></tr>`).join("");
  };

  P.onRoute("return", async (id) => {
    const r = await P.api("GET", "/api/returns/" + encodeURIComponent(id || ""));
    if (!r.ok) { $("rd-summary").textContent = t("detail.notFound"); return; }
    const x = r.data.return; const s = r.data.sale;
    $("rd-number").textContent = x.localNumber;
    $("rd-state").className = "state state-" + x.state; $("rd-state").textContent = P.say("state.", x.state); $("rd-state").dataset.state = x.state;
    $("rd-summary").textContent = `${P.when(x.returnedAt)} · ${docText(x.document)} · ` + outcomeLines(x).join(" · ");
    $("rd-reasons").textContent = x.waitingForOriginal ? t("ret.waitingOriginalReason") : P.reasonText(x.reasons);
    if (x.waitingForOriginal) $("rd-state").textContent = t("ret.waitingOriginal");
    const names = Object.fromEntries(s.lines.map((l) => [l.lineIndex, lineName(l)]));
    document.querySelector("#rd-lines tbody").innerHTML = x.lines.map((l) =>
      `<tr><td>${esc(names[l.lineIndex] || l.sku)}</td><td class="num">${money(l.quantity)}</td><td class="num">${money(l.amount)}</td></tr>`).join("");
    previews(x, "rd-invoice-preview", "rd-allowance-preview");
  });
})();
