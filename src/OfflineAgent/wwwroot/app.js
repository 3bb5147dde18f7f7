// Start-up: the first status decides who is signed in (sign-in is per shift, kept by the agent), then the
// address decides the view. The status is polled every second so the screen follows by itself.
"use strict";
(async () => {
  const P = window.Pos;
  $front();
  function $front() {
    // 點此開啟前台: Agent:OnlinePosUrl when set; otherwise this screen's own (online) checkout. Never an error page.
    P.$("frontdesk-button").addEventListener("click", () => {
      if (!P.status) return;
      if (P.online() && P.status.onlinePosUrl) window.open(P.status.onlinePosUrl, "_blank", "noopener");
      else P.go("#/checkout");
    });
  }
  await P.pollStatus();
  P.applyLang();
  setInterval(P.pollStatus, 1000);
})();
