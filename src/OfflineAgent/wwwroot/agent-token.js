// Adds the agent's per-process token (written into this page by the agent) to every same-origin call that
// changes something; the agent refuses POST/PUT/DELETE without it, so another site open in this browser
// cannot act on the register. Include before the page's own scripts: <script src="agent-token.js"></script>
(() => {
  const meta = document.querySelector('meta[name="poscloud-agent-token"]');
  const token = meta ? meta.getAttribute("content") : "";
  const send = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : String(input), location.href);
    const method = ((init && init.method) || (request && request.method) || "GET").toUpperCase();
    if (url.origin !== location.origin || method === "GET" || method === "HEAD") return send(input, init);
    const headers = new Headers((init && init.headers) || (request && request.headers) || undefined);
    headers.set("X-Agent-Token", token);
    return send(input, Object.assign({}, init, { headers }));
  };
})();
