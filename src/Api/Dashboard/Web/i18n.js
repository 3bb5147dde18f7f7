// zh-TW first (the people who open this on the morning after an outage), English on the toggle.
// The choice is kept in localStorage; every render reads window.t().
(function () {
  "use strict";
  const text = {
    "zh-TW": {
      "title": "總部同步儀表板", "nav.overview": "門市總覽", "nav.charts": "圖表與匯出", "nav.audit": "操作紀錄", "nav.readiness": "收銀機準備度", "nav.einvoice": "電子發票上傳", "logout": "登出",
      "lang.switch": "English",
      "role.viewer": "檢視者", "role.operator": "操作員",
      "status.Received": "已接收", "status.Reconciling": "處理中", "status.Reconciled": "成功", "status.NeedsReview": "需處理", "status.Failed": "失敗", "status.waiting": "等待中",
      "ov.title": "門市同步狀態", "ov.filter": "搜尋門市", "ov.troubleOnly": "只看異常", "ov.agent": "連線",
      "ov.all": "全部", "ov.onlineOnly": "只看上線", "ov.offlineOnly": "只看離線",
      "ov.updated": "更新時間", "ov.autoRefresh": "每 {0} 秒自動更新",
      "col.store": "門市", "col.name": "店名", "col.agent": "代理程式", "col.lastContact": "最後連線", "col.waiting": "等待中",
      "col.reconciled": "成功", "col.needsReview": "需處理", "col.failed": "失敗", "col.oldest": "最久等待", "col.lastUpload": "最後上傳",
      "online": "上線", "offline": "離線", "never": "從未", "neverConnected": "尚未連線",
      "od.clerk": "收銀", "od.customer": "顧客", "od.walkIn": "非會員", "od.payment": "付款", "od.invoice": "發票", "od.noInvoice": "無發票", "od.voided": "已作廢",
      "od.carrier": "載具", "od.donation": "捐贈", "od.taxId": "統編", "pay.cash": "現金", "pay.card": "信用卡",
      "card.stores": "門市數", "card.online": "上線門市", "card.trouble": "異常門市", "card.waiting": "等待中", "card.needsReview": "需處理", "card.failed": "失敗",
      "st.title": "門市訂單", "st.status": "狀態", "st.any": "全部", "st.from": "銷售日起", "st.to": "銷售日迄", "st.override": "店長改價",
      "st.withOverride": "有改價", "st.withoutOverride": "無改價", "st.rerunAll": "重新處理本店所有失敗／需處理訂單",
      "st.count": "共 {0} 筆", "st.prev": "上一頁", "st.next": "下一頁", "st.page": "第 {0} 頁",
      "col.register": "收銀機", "col.localNo": "序號", "col.soldAt": "銷售時間", "col.receivedAt": "上傳時間", "col.total": "金額",
      "col.status": "狀態", "col.reason": "原因", "col.overrides": "改價", "col.overrideAmount": "改價金額",
      "od.title": "訂單明細", "od.typed": "離線輸入", "od.reconciled": "對帳結果", "od.history": "狀態歷程", "od.overrides": "店長改價",
      "od.audit": "操作紀錄", "od.rerun": "重新處理此訂單", "od.map": "對應", "od.mapTo": "對應到商品 SKU", "od.back": "回門市",
      "od.approvedBy": "超額離線銷售核准人：", "od.storePin": "門市主管密碼",
      "col.line": "行", "col.sku": "SKU", "col.typedName": "輸入品名", "col.type": "類型", "col.qty": "數量", "col.charged": "實收單價",
      "col.matched": "對應 SKU", "col.catalogName": "商品名稱", "col.expected": "定價", "col.flags": "註記", "col.difference": "差額",
      "col.manager": "店長", "col.at": "時間", "col.user": "使用者", "col.action": "動作", "col.target": "對象", "col.outcome": "結果",
      "type.regular": "一般價格", "type.addOn": "加價購", "type.gift": "滿額贈",
      "ch.title": "圖表", "ch.from": "起", "ch.to": "迄", "ch.show": "顯示", "ch.flow": "每小時上傳與完成對帳", "ch.uploads": "上傳",
      "ch.reconciliations": "完成對帳", "ch.backlog": "待處理量（每小時結束時）", "ch.overrides": "各門市店長改價金額", "ch.returns": "各門市退貨退款金額", "ch.none": "此期間沒有資料",
      "ex.title": "匯出 CSV", "ex.overrides": "店長改價 CSV", "ex.needsReview": "需處理／失敗清單 CSV",
      "ex.returns": "退貨清單 CSV", "col.refunded": "已退款", "col.net": "淨額", "col.lines": "退回品項", "col.refund": "退款", "col.invoiceChange": "發票處理",
      "col.reversal": "改價沖回", "od.returns": "退貨", "od.noReturns": "無退貨", "ret.waiting": "等待原銷售單",
      "ret.invoice.cancelled": "作廢", "ret.invoice.cancelledAndReissued": "作廢並重開", "ret.invoice.allowance": "折讓", "ret.invoice.none": "無", "ret.allowanceCancelled": "折讓已作廢（退貨撤銷）",
      "au.title": "操作紀錄",
      "act.done": "已完成：{0}", "act.failed": "未完成：{0}", "viewerNote": "檢視者只能查看，無法操作。",
      "age.s": "{0} 秒", "age.m": "{0} 分", "age.h": "{0} 小時 {1} 分", "age.d": "{0} 天 {1} 小時",
      "loading": "載入中…", "error": "發生錯誤"
    },
    "en": {
      "title": "HQ sync dashboard", "nav.overview": "Stores", "nav.charts": "Charts & export", "nav.audit": "Audit", "nav.readiness": "Register readiness", "nav.einvoice": "E-invoice uploads", "logout": "Sign out",
      "lang.switch": "中文",
      "role.viewer": "viewer", "role.operator": "operator",
      "status.Received": "Received", "status.Reconciling": "Reconciling", "status.Reconciled": "Success", "status.NeedsReview": "Needs review", "status.Failed": "Failed", "status.waiting": "Waiting",
      "ov.title": "Store sync status", "ov.filter": "Find store", "ov.troubleOnly": "Trouble only", "ov.agent": "Agent",
      "ov.all": "All", "ov.onlineOnly": "Online only", "ov.offlineOnly": "Offline only",
      "ov.updated": "Updated", "ov.autoRefresh": "refreshes every {0} s",
      "col.store": "Store", "col.name": "Name", "col.agent": "Agent", "col.lastContact": "Last contact", "col.waiting": "Waiting",
      "col.reconciled": "Success", "col.needsReview": "Needs review", "col.failed": "Failed", "col.oldest": "Oldest waiting", "col.lastUpload": "Last upload",
      "online": "online", "offline": "offline", "never": "never", "neverConnected": "never connected",
      "od.clerk": "Clerk", "od.customer": "Customer", "od.walkIn": "walk-in", "od.payment": "Payment", "od.invoice": "Invoice", "od.noInvoice": "no invoice", "od.voided": "voided",
      "od.carrier": "carrier", "od.donation": "donated", "od.taxId": "tax id", "pay.cash": "cash", "pay.card": "card",
      "card.stores": "Stores", "card.online": "Online", "card.trouble": "With trouble", "card.waiting": "Waiting", "card.needsReview": "Needs review", "card.failed": "Failed",
      "st.title": "Store orders", "st.status": "Status", "st.any": "Any", "st.from": "Sold from", "st.to": "Sold to", "st.override": "Override",
      "st.withOverride": "with override", "st.withoutOverride": "without override", "st.rerunAll": "Re-run all failed / needs-review orders of this store",
      "st.count": "{0} orders", "st.prev": "Previous", "st.next": "Next", "st.page": "page {0}",
      "col.register": "Register", "col.localNo": "No.", "col.soldAt": "Sold at", "col.receivedAt": "Received", "col.total": "Total",
      "col.status": "Status", "col.reason": "Reason", "col.overrides": "Overrides", "col.overrideAmount": "Override amount",
      "od.title": "Order", "od.typed": "As typed offline", "od.reconciled": "As reconciled", "od.history": "Status history", "od.overrides": "Manager price overrides",
      "od.audit": "Actions", "od.rerun": "Re-run this order", "od.map": "Map", "od.mapTo": "Map to product SKU", "od.back": "Back to store",
      "od.approvedBy": "Offline sale above the cap approved by:", "od.storePin": "the store manager PIN",
      "col.line": "Line", "col.sku": "SKU", "col.typedName": "Typed name", "col.type": "Type", "col.qty": "Qty", "col.charged": "Charged",
      "col.matched": "Matched SKU", "col.catalogName": "Catalog name", "col.expected": "Expected", "col.flags": "Flags", "col.difference": "Difference",
      "col.manager": "Manager", "col.at": "At", "col.user": "User", "col.action": "Action", "col.target": "Target", "col.outcome": "Outcome",
      "type.regular": "regular", "type.addOn": "add-on", "type.gift": "gift",
      "ch.title": "Charts", "ch.from": "From", "ch.to": "To", "ch.show": "Show", "ch.flow": "Uploads and reconciliations per hour", "ch.uploads": "Uploads",
      "ch.reconciliations": "Reconciled", "ch.backlog": "Backlog (end of each hour)", "ch.overrides": "Override amount per store", "ch.returns": "Refunds per store", "ch.none": "No data in this range",
      "ex.title": "Export CSV", "ex.overrides": "Overrides CSV", "ex.needsReview": "Needs review / failed CSV",
      "ex.returns": "Returns CSV", "col.refunded": "Refunded", "col.net": "Net", "col.lines": "Returned lines", "col.refund": "Refund", "col.invoiceChange": "Invoice",
      "col.reversal": "Override reversed", "od.returns": "Returns", "od.noReturns": "No returns", "ret.waiting": "Waiting for the original sale",
      "ret.invoice.cancelled": "cancelled", "ret.invoice.cancelledAndReissued": "cancelled and reissued", "ret.invoice.allowance": "allowance", "ret.invoice.none": "none", "ret.allowanceCancelled": "allowance cancelled (return undone)",
      "au.title": "Audit of operator actions",
      "act.done": "Done: {0}", "act.failed": "Not done: {0}", "viewerNote": "Viewers can look but not act.",
      "age.s": "{0} s", "age.m": "{0} min", "age.h": "{0} h {1} min", "age.d": "{0} d {1} h",
      "loading": "Loading…", "error": "Something went wrong"
    }
  };
  let lang = localStorage.getItem("poscloud.lang") === "en" ? "en" : "zh-TW";
  window.i18n = {
    get lang() { return lang; },
    set(l) { lang = l === "en" ? "en" : "zh-TW"; localStorage.setItem("poscloud.lang", lang); document.documentElement.lang = lang; },
  };
  window.t = function (key, ...args) {
    const s = text[lang][key] ?? text["zh-TW"][key] ?? key;
    return s.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ""));
  };
  document.documentElement.lang = lang;
})();
