// Sign-in, the cart, payment, member, e-invoice options and the sale-done panel. One customer, one flow:
// 下一位客人 clears the cart, the member, the payment and the invoice fields; the clerk stays signed in.
"use strict";
(() => {
  const P = window.Pos; const { $, t, esc, money } = P;

  // ---- sign-in: one big tile per clerk ----
  function renderTiles() {
    const box = $("staff-tiles");
    const key = P.staff.map((s) => s.staffId).join(",") + P.lang;
    if (box.dataset.key === key) return;
    box.dataset.key = key;
    box.innerHTML = P.staff.map((s) => `<button type="button" class="tile" data-testid="staff-tile" data-staff-id="${esc(s.staffId)}">
      <b>${esc(s.name)}</b><span class="muted">${esc(P.say("role.", s.role))}</span></button>`).join("");
    $("staff-error").textContent = P.staff.length === 0 ? t("login.noSnapshot") : "";
  }
  P.onRoute("login", () => {
    renderTiles();
    $("login-next").textContent = P.afterSignIn ? t("login.next") : "";
    const first = $("staff-tiles").querySelector("button"); if (first) first.focus();
  });
  P.onPoll(() => { if (P.view === "login") renderTiles(); });
  $("staff-tiles").addEventListener("click", async (e) => {
    const tile = e.target.closest(".tile"); if (!tile) return;
    const r = await P.api("POST", "/api/session/sign-in", { staffId: tile.dataset.staffId });
    if (!r.ok) { $("staff-error").textContent = P.say("err.", r.data && r.data.code); return; }
    P.setClerk(tile.dataset.staffId);
    const next = P.afterSignIn || "#/checkout"; P.afterSignIn = null;
    if (location.hash === next) P.route(); else P.go(next);
  });
  $("sign-out").addEventListener("click", async () => {
    P.closeMenu();
    const r = await P.api("POST", "/api/session/sign-out");
    P.showGuard(r);
    if (r.ok) { P.session.staffId = null; P.session.staffName = null; clearCustomer(); P.go("#/checkout"); }
  });

  // ---- customer: walk-in by default; F2 or 更換 changes it without signing out ----
  let customer = { phone: null, name: null };
  function renderCustomer() {
    $("checkout-customer").textContent = customer.phone ? `${customer.name || t("member.new")} ${customer.phone.slice(0, 4)}…${customer.phone.slice(-3)}` : t("walkIn");
  }
  function clearCustomer() { customer = { phone: null, name: null }; $("customer-phone").value = ""; $("customer-result").textContent = ""; renderCustomer(); }
  async function lookupCustomer() {
    const r = await P.api("GET", "/api/customers/lookup?phone=" + encodeURIComponent($("customer-phone").value));
    const d = r.data || {};
    if (!d.valid) { $("customer-result").textContent = t("login.phoneBad"); return; }
    customer = { phone: d.phone, name: d.found ? d.name : null };
    $("customer-result").textContent = d.found ? `${t("login.member")}：${d.name}${d.memberLevel ? "（" + d.memberLevel + "）" : ""}` : t("login.notFound");
    renderCustomer();
    P.closeDialog("member-dialog");
  }
  const openMember = () => { $("customer-result").textContent = ""; P.openDialog("member-dialog", "customer-phone"); };
  $("member-button").addEventListener("click", openMember);
  $("customer-lookup").addEventListener("click", lookupCustomer);
  $("customer-phone").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); lookupCustomer(); } });
  $("walk-in").addEventListener("click", () => { clearCustomer(); P.closeDialog("member-dialog"); });

  // ---- e-invoice buyer fields (F4): the server's checks mirrored, so a typo shows while the customer is here ----
  const carrierOk = (v) => /^\/[A-Z0-9+.-]{7}$/.test(v) || /^[A-Z]{2}[0-9]{14}$/.test(v);
  function taxIdOk(v) {
    if (!/^[0-9]{8}$/.test(v)) return false;
    const w = [1, 2, 1, 2, 1, 2, 4, 1]; let sum = 0;
    for (let i = 0; i < 8; i++) { const p = Number(v[i]) * w[i]; sum += Math.floor(p / 10) + (p % 10); }
    // Divisible by 5 since 2023-04-01; a 7th digit 7 may also count its product 28 as 1.
    return sum % 5 === 0 || (v[6] === "7" && (sum + 1) % 5 === 0);
  }
  const buyerFields = () => ({ carrier: $("inv-carrier").value.trim() || null, buyerTaxId: $("inv-taxid").value.trim() || null, donationCode: $("inv-donation").value.trim() || null });
  function buyerErrors() {
    const b = buyerFields(); const e = [];
    if (b.carrier && !carrierOk(b.carrier)) e.push("carrier.malformed");
    if (b.buyerTaxId && !taxIdOk(b.buyerTaxId)) e.push("buyerTaxId.malformed");
    if (b.donationCode && !/^[0-9]{3,7}$/.test(b.donationCode)) e.push("donationCode.malformed");
    if (b.donationCode && b.buyerTaxId) e.push("donationCode.withTaxId");
    if (b.donationCode && b.carrier) e.push("donationCode.withCarrier");
    return e;
  }
  // 列印明細: null = the register's default (Invoicing:PrintItemsByDefault); the clerk's tick holds until the next customer.
  let printItemsChoice = null;
  function printItems() {
    const b = buyerFields();
    if (b.carrier || b.donationCode) return false;   // nothing goes to paper
    if (b.buyerTaxId) return true;                    // a buyer with a tax id always gets the item list (MOF)
    return printItemsChoice ?? !!(P.status && P.status.printItemsByDefault);
  }
  function renderPrintItems() {
    const b = buyerFields(); const box = $("inv-items");
    box.checked = printItems();
    box.disabled = !!(b.buyerTaxId || b.carrier || b.donationCode);
    $("inv-items-note").textContent = b.carrier || b.donationCode ? t("inv.itemsNoPaper") : b.buyerTaxId ? t("inv.itemsAlways") : "";
  }
  function renderInvoiceSummary() {
    const b = buyerFields();
    $("inv-error").textContent = buyerErrors().map((c) => t("err." + c)).join("；");
    renderPrintItems();
    $("invoice-summary").textContent = (b.carrier ? t("inv.sumCarrier", { v: b.carrier }) : b.donationCode ? t("inv.sumDonation", { v: b.donationCode })
      : b.buyerTaxId ? t("inv.sumTaxId", { v: b.buyerTaxId }) : t("inv.sumPaper")) + (printItems() ? t("inv.sumItems") : "");
  }
  $("inv-items").addEventListener("change", () => { printItemsChoice = $("inv-items").checked; renderInvoiceSummary(); });
  // The default comes with /api/status: show it once known, unless the clerk already chose.
  P.onPoll(() => { if (printItemsChoice === null) renderInvoiceSummary(); });
  ["inv-carrier", "inv-taxid", "inv-donation"].forEach((id) => {
    $(id).addEventListener("input", renderInvoiceSummary);
    $(id).addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); invoiceDone(); } });
  });
  function invoiceDone() { renderInvoiceSummary(); if (!buyerErrors().length) P.closeDialog("invoice-dialog"); }
  $("invoice-button").addEventListener("click", () => P.openDialog("invoice-dialog", "inv-carrier"));
  $("invoice-done").addEventListener("click", invoiceDone);
  $("invoice-clear").addEventListener("click", () => { ["inv-carrier", "inv-taxid", "inv-donation"].forEach((id) => ($(id).value = "")); renderInvoiceSummary(); P.closeDialog("invoice-dialog"); });

  // ---- the cart ----
  let lines = [];   // { sku, name, type, price, qty, catalog: {list, addOn} | null, priceEdited }
  const limits = () => ({ maxPrice: P.status ? P.status.maxUnitPrice : 1000000, maxQty: P.status ? P.status.maxQuantity : 9999 });
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
  const subtotalText = (l) => { const e = lineErrors(l); return e.price || e.qty ? "—" : money(Number(l.price) * Number(l.qty)); };
  function lineHtml(l, i) {
    const e = lineErrors(l);
    const offline = l.catalog && !l.priceEdited;
    const name = l.catalog
      ? `<span class="line-name" data-testid="line-name">${esc(l.name)}</span>`
      : `<input class="line-name-input" data-testid="line-name" data-index="${i}" value="${esc(l.name)}" aria-label="${esc(t("line.name"))}" placeholder="${esc(t("line.namePlaceholder"))}">`;
    return `<li class="line" data-testid="line-row" data-index="${i}" data-sku="${esc(l.sku)}">
      <div class="line-top"><span class="line-no">${i + 1}</span><div class="line-title">${name}<span class="line-sku muted">${esc(l.sku)}</span></div>
        <div class="qty" role="group" aria-label="${esc(t("line.qty"))}">
          <button type="button" class="qty-minus" data-index="${i}" aria-label="${esc(t("line.less"))}">−</button>
          <input class="line-qty" data-testid="line-qty" data-index="${i}" inputmode="numeric" value="${esc(l.qty)}" aria-label="${esc(t("line.qty"))}">
          <button type="button" class="qty-plus" data-index="${i}" aria-label="${esc(t("line.more"))}">+</button></div>
        <button type="button" class="line-remove" data-testid="line-remove" data-index="${i}" aria-label="${esc(t("line.remove"))} ${i + 1}">✕</button></div>
      <div class="line-bottom">
        <select class="line-type" data-testid="line-type" data-index="${i}" aria-label="${esc(t("line.type"))}">
          ${["regular", "addOn", "gift"].map((x) => `<option value="${x}" ${l.type === x ? "selected" : ""}>${esc(t("type." + x))}</option>`).join("")}</select>
        <label class="price-label"><span>${esc(t("line.price"))}</span>
          <input class="line-price" data-testid="line-price" data-index="${i}" inputmode="decimal" value="${esc(l.price)}"></label>
        <span data-testid="line-source" class="${offline ? "src-offline" : "src-typed"}">${esc(t(offline ? "src.offline" : "src.typed"))}</span>
        <span class="subtotal"><span class="muted">${esc(t("line.subtotal"))}</span> <b data-testid="line-subtotal">${subtotalText(l)}</b></span>
      </div>
      <div class="line-errors"><span class="field-error" data-testid="line-price-error">${e.price ? esc(t("err." + e.price)) : ""}</span>
        <span class="field-error" data-testid="line-qty-error">${e.qty ? esc(t("err." + e.qty)) : ""}</span>
        ${l.type === "gift" && l.catalog && !l.catalog.gift ? `<span class="field-warning" data-testid="line-gift-warning">${esc(t("warn.giftNotEligible"))}</span>` : ""}</div></li>`;
  }
  function renderLines() {
    $("lines").innerHTML = lines.map(lineHtml).join("");
    $("cart-empty").classList.toggle("hidden", lines.length > 0);
    renderTotal();
  }
  const total = () => lines.reduce((s, l) => { const e = lineErrors(l); return e.price || e.qty ? s : s + Number(l.price) * Number(l.qty); }, 0);
  function renderTotal() {
    const tot = total();
    $("total").textContent = money(tot); $("pay-total").textContent = money(tot);
    const tenderedText = $("cash-tendered").value.trim(); const tendered = Number(tenderedText);
    $("change-due").textContent = tenderedText && tendered >= tot ? money(tendered - tot) : "0";
    const cap = P.status ? P.status.offlineSaleCap : 0;
    const over = cap > 0 && tot > cap;
    $("pin-box").classList.toggle("hidden", !over);
    $("cap-note").classList.toggle("hidden", !over);
    $("cap-note").textContent = over ? t("cap.over", { cap: money(cap) }) : "";
    $("offline-note").classList.toggle("hidden", !P.offline());
    $("complete-sale").classList.toggle("empty", lines.length === 0);
  }
  // Edits re-validate the one row in place, so focus and the caret stay where the clerk is typing.
  function updateRow(i) {
    const row = document.querySelector(`#lines li[data-index="${i}"]`); if (!row) return;
    const l = lines[i]; const e = lineErrors(l);
    row.querySelector("[data-testid=line-price-error]").textContent = e.price ? t("err." + e.price) : "";
    row.querySelector("[data-testid=line-qty-error]").textContent = e.qty ? t("err." + e.qty) : "";
    row.querySelector("[data-testid=line-subtotal]").textContent = subtotalText(l);
    const offline = l.catalog && !l.priceEdited; const src = row.querySelector("[data-testid=line-source]");
    src.className = offline ? "src-offline" : "src-typed"; src.textContent = t(offline ? "src.offline" : "src.typed");
    if (document.activeElement !== row.querySelector(".line-qty")) row.querySelector(".line-qty").value = l.qty;
    renderTotal();
  }
  function flash(i) {
    const row = document.querySelector(`#lines li[data-index="${i}"]`); if (!row) return;
    row.scrollIntoView({ block: "nearest" });
    row.classList.remove("flash"); void row.offsetWidth; row.classList.add("flash");
  }
  const linesEl = $("lines");
  linesEl.addEventListener("input", (e) => {
    const i = Number(e.target.dataset.index); const l = lines[i]; if (!l) return;
    if (e.target.classList.contains("line-price")) { l.price = e.target.value.trim(); l.priceEdited = Number(l.price) !== catalogPrice(l); }
    if (e.target.classList.contains("line-qty")) l.qty = e.target.value.trim();
    if (e.target.classList.contains("line-name-input")) l.name = e.target.value;
    updateRow(i);
  });
  linesEl.addEventListener("change", (e) => {
    const i = Number(e.target.dataset.index); const l = lines[i]; if (!l || !e.target.classList.contains("line-type")) return;
    l.type = e.target.value;
    // A price the clerk did not touch follows the line type; a typed one is the clerk's word and stays.
    if (!l.priceEdited && l.catalog) l.price = String(catalogPrice(l));
    else if (!l.catalog && l.type === "gift" && l.price === "") l.price = "0";
    renderLines();
  });
  function changeQty(i, by) {
    const l = lines[i]; if (!l) return;
    const q = Number(l.qty); const next = (Number.isInteger(q) ? q : 1) + by;
    if (next < 1) return;
    l.qty = String(next); updateRow(i);
  }
  linesEl.addEventListener("click", (e) => {
    const b = e.target.closest("button"); if (!b) return;
    const i = Number(b.dataset.index);
    if (b.classList.contains("line-remove")) { lines.splice(i, 1); renderLines(); }
    else if (b.classList.contains("qty-plus")) changeQty(i, 1);
    else if (b.classList.contains("qty-minus")) changeQty(i, -1);
  });

  // A scanner types the code and sends Enter. The field is emptied at once and scans are handled one after
  // another: a scanner types the next code while the previous one is still being looked up, and none of its
  // keystrokes may be lost or its line land out of order.
  let scans = Promise.resolve();
  P.scan = (raw) => {
    $("sku-error").textContent = ""; $("sku-warning").textContent = "";
    scans = scans.then(() => addScanned(raw));
    return scans;
  };
  $("sku-input").addEventListener("keydown", (e) => {
    const input = $("sku-input");
    if (e.key === "Enter") {
      e.preventDefault();
      const raw = input.value; input.value = "";
      P.scan(raw);
    } else if ((e.key === "+" || e.key === "-") && input.value === "" && lines.length) {
      e.preventDefault(); changeQty(lines.length - 1, e.key === "+" ? 1 : -1);
    }
  });
  async function addScanned(raw) {
    // A failed request (the agent restarting) is an error like any other; it must not stop the scans behind it.
    const r = await P.api("POST", "/api/checkout/scan", { sku: raw, type: "regular" }).catch(() => ({ ok: false, data: null }));
    const d = r.data || {};
    if (!r.ok || !d.ok) {
      $("sku-error").textContent = P.say("err.", d.error && d.error.code);
      // Give a typed code back to correct it, unless the next scan has started filling the field.
      if ($("sku-input").value === "") { $("sku-input").value = raw; $("sku-input").select(); }
      return;
    }
    if (d.warning) $("sku-warning").textContent = `${d.sku}: ${P.say("err.", d.warning.code)}`;
    // The same SKU scanned again as a regular line: one more of it, not a second line.
    const same = lines.findIndex((l) => l.sku === d.sku && l.type === "regular");
    if (same >= 0) { changeQty(same, 1); flash(same); }
    else {
      lines.push({ sku: d.sku, name: d.name || "", type: "regular", price: d.price != null ? String(d.price) : "", qty: "1",
        catalog: d.fromCatalog ? { list: d.listPrice, addOn: d.addOnPrice, gift: d.giftEligible } : null, priceEdited: false });
      renderLines(); flash(lines.length - 1);
      // An unknown SKU needs its name and price typed: go there.
      if (!d.fromCatalog) { const row = document.querySelector(`#lines li[data-index="${lines.length - 1}"] .line-name-input`); if (row) row.focus(); return; }
    }
    if (!P.openDialogId() && !isTyping()) $("sku-input").focus();
  }
  const isTyping = () => { const a = document.activeElement; return a && a !== $("sku-input") && (a.tagName === "INPUT" || a.tagName === "SELECT" || a.tagName === "TEXTAREA"); };

  // A scan while a price or quantity field has focus still lands in the cart: a scanner types far faster
  // than a person (< 35 ms a key). Such a burst ending in Enter is taken back out of the field and scanned.
  let burst = { el: null, before: "", keys: 0, last: 0 };
  linesEl.addEventListener("keydown", (e) => {
    const el = e.target; if (el.tagName !== "INPUT") return;
    const now = performance.now();
    if (e.key.length === 1) {
      if (burst.el !== el || now - burst.last > 35) burst = { el, before: el.value, keys: 0, last: now };
      burst.keys++; burst.last = now;
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (burst.el === el && burst.keys >= 4 && now - burst.last <= 60) {
        const code = el.value.slice(burst.before.length);
        el.value = burst.before; el.dispatchEvent(new Event("input", { bubbles: true }));
        P.scan(code);
      }
      burst = { el: null, before: "", keys: 0, last: 0 };
    }
  });

  // ---- payment ----
  let method = "cash";
  function setMethod(m) {
    method = m;
    $("pay-cash").setAttribute("aria-pressed", String(m === "cash")); $("pay-card").setAttribute("aria-pressed", String(m === "card"));
    $("cash-box").classList.toggle("hidden", m !== "cash"); $("card-box").classList.toggle("hidden", m !== "card");
    if (m === "card") $("card-ref").focus();
  }
  $("pay-cash").addEventListener("click", () => setMethod("cash"));
  $("pay-card").addEventListener("click", () => setMethod("card"));
  $("cash-tendered").addEventListener("input", renderTotal);
  $("cash-tendered").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); pay(); } });
  $("card-ref").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); pay(); } });
  $("manager-pin").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); pay(); } });
  document.querySelectorAll(".quick-cash").forEach((b) => b.addEventListener("click", () => {
    const tot = total(); const v = b.dataset.cash;
    // 100 / 500 / 1,000: the bills handed over add up; 剛好 is the exact total.
    const cur = Number($("cash-tendered").value) || 0;
    $("cash-tendered").value = v === "exact" ? String(tot) : String(cur + Number(v));
    renderTotal();
  }));

  let completing = false; let lastSale = null;
  async function pay() {
    if (completing || P.openDialogId()) return;
    // A scanner's last code and the pay key can come within milliseconds: pay what was scanned, all of it.
    await scans;
    if (completing || P.openDialogId()) return;
    $("sale-error").textContent = "";
    const bad = lines.findIndex((l) => Object.keys(lineErrors(l)).length > 0);
    if (lines.length === 0) { $("sale-error").textContent = t("err.lines.empty"); return; }
    if (bad >= 0) { $("sale-error").textContent = `#${bad + 1}: ${t("err." + Object.values(lineErrors(lines[bad]))[0])}`; return; }
    if (buyerErrors().length) { renderInvoiceSummary(); P.openDialog("invoice-dialog"); return; }
    const cash = method === "cash"; const tot = total();
    // Cash with nothing typed is the exact amount: the common case costs no keystroke.
    const tendered = $("cash-tendered").value.trim() === "" ? tot : Number($("cash-tendered").value);
    const body = {
      staffId: P.session.staffId, customerPhone: customer.phone,
      lines: lines.map((l) => ({ sku: l.sku, name: l.name || null, type: l.type, quantity: Number(l.qty), unitPrice: Number(l.price) })),
      paymentMethod: cash ? "cash" : "card", cashTendered: cash ? tendered : null,
      cardReference: cash ? null : $("card-ref").value, managerPin: $("manager-pin").value || null,
      ...buyerFields(), printItems: printItems(),
    };
    completing = true; $("complete-sale").disabled = true;
    try {
      const r = await P.api("POST", "/api/checkout/complete", body);
      const d = r.data || {};
      if (!r.ok || !d.ok) {
        if (d.needsManagerPin) { $("pin-box").classList.remove("hidden"); $("manager-pin").focus(); }
        // Invoice refusals carry their own zh-TW + English sentence (period, block); other codes are translated here.
        $("sale-error").textContent = (d.errors || [{ code: "generic" }]).map((x) => (x.field && x.field.startsWith("lines[") ? `#${Number(x.field.match(/\d+/)[0]) + 1} ` : "")
          + (x.code === "invoice.noBlock" ? t("inv.noBlock", { period: (P.status && P.status.invoice && P.status.invoice.periodLabel) || "" }) : P.say("err.", x.code))).join("；");
        if (d.invoiceRefused) P.pollStatus();
        return;
      }
      showDone(d.sale);
    } catch { $("sale-error").textContent = t("err.generic"); }
    finally { completing = false; $("complete-sale").disabled = false; }
  }
  $("complete-sale").addEventListener("click", pay);

  function showDone(s) {
    lastSale = s;
    $("sale-done-text").textContent = t("checkout.done", { n: s.localNumber, total: money(s.total) });
    $("done-change").textContent = money(s.changeDue ?? 0);
    $("done-invoice").textContent = s.invoiceNumber ? t("inv.number", { number: P.invoiceText(s.invoiceNumber) })
      + (s.carrierId ? t("inv.toCarrier", { carrier: s.carrierId }) : s.donationCode ? t("inv.donated", { code: s.donationCode })
        : s.proofPrinted ? t("inv.printing") + (s.printItems ? t("inv.withItems") : "") : "") : "";
    $("done-reprint").classList.toggle("hidden", !s.proofPrinted);
    P.openDialog("sale-done", "next-customer");
    P.pollStatus();
  }
  function nextCustomer() {
    lines = []; lastSale = null; printItemsChoice = null;
    ["cash-tendered", "card-ref", "manager-pin", "inv-carrier", "inv-taxid", "inv-donation"].forEach((id) => ($(id).value = ""));
    $("sale-error").textContent = ""; $("sku-error").textContent = ""; $("sku-warning").textContent = "";
    clearCustomer(); setMethod("cash"); renderInvoiceSummary(); renderLines();
    P.closeDialog("sale-done");
  }
  $("next-customer").addEventListener("click", nextCustomer);
  $("done-reprint").addEventListener("click", async () => {
    if (!lastSale) return;
    const r = await P.api("POST", `/api/orders/${lastSale.orderId}/reprint`);
    $("done-reprint").textContent = r.ok ? t("detail.reprinted") : t("err.reprint");
  });

  // ---- keyboard map: F2 member, F4 invoice, F12 / Ctrl+Enter pay, Esc closes, Enter on sale-done: next customer ----
  document.addEventListener("keydown", (e) => {
    const open = P.openDialogId();
    if (e.key === "Escape") { if (open && open !== "sale-done") { e.preventDefault(); P.closeDialog(open); } P.closeMenu(); return; }
    if (open === "sale-done") { if (e.key === "Enter") { e.preventDefault(); nextCustomer(); } return; }
    if (P.view !== "checkout" || open) return;
    if (e.key === "F2") { e.preventDefault(); openMember(); }
    else if (e.key === "F4") { e.preventDefault(); P.openDialog("invoice-dialog", "inv-carrier"); }
    else if (e.key === "F12" || (e.key === "Enter" && (e.ctrlKey || e.metaKey))) { e.preventDefault(); pay(); }
  });
  // After any tap that is not into a field, the scan field has focus again.
  $("view-checkout").addEventListener("click", (e) => {
    if (P.openDialogId() || e.target.closest("input, select, textarea, label")) return;
    setTimeout(() => { if (!P.openDialogId() && !isTyping()) $("sku-input").focus(); }, 0);
  });

  P.onRoute("checkout", () => { renderCustomer(); renderInvoiceSummary(); renderLines(); if (!P.openDialogId()) $("sku-input").focus(); });
  P.onRender(() => { if (P.view === "checkout") renderTotal(); });
})();
