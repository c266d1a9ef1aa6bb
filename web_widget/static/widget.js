/* Front Door web chat widget. Dependency-free; no build step.
 * Embed: <script src="https://HOST/widget.js" data-council="ID" defer></script>
 * Safety: every bot/advisor text is set with textContent (never innerHTML); links come only from citation
 * fields and only https: or same-origin; nothing in localStorage; sessionStorage (one key) only to survive
 * page navigation, removed by Quick exit. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || document.getElementById("frontdoor-widget")) return;
  var BASE = new URL(me.src, location.href).origin;
  var COUNCIL = me.getAttribute("data-council") || "";
  var KEY = "frontdoor:" + COUNCIL;
  var EXIT_DEFAULT = "https://www.bbc.co.uk/weather";
  var PERSON_TEXT = "I'd like to talk to a person, please.";
  var cfg = { name: "the council", notice: "This is an automated assistant that answers from the council's " +
    "pages. A person is always available. Please don't share personal details. If anyone is in danger, call 999.",
    colours: { primary: "#1d70b8", on_primary: "#ffffff" }, numbers: {}, open_now: true,
    quick_exit_url: EXIT_DEFAULT };
  var S = load() || { c: null, o: false, h: null, n: 0, m: [], s: [] };
  var busy = false, es = null, poll = null, ui = {};

  var CSS = ":host{all:initial}*{box-sizing:border-box}" +
    ".w{font:16px/1.5 Arial,Helvetica,sans-serif;color:#0b0c0c}" +
    "button,textarea{font:inherit}p{margin:0 0 8px}" +
    "button{min-height:44px;min-width:44px;padding:8px 14px;border:2px solid #0b0c0c;border-radius:4px;" +
    "background:#fff;color:#0b0c0c;cursor:pointer;font-weight:700}" +
    ".pri{background:var(--p);color:var(--op);border-color:var(--p)}" +
    ".launch{position:fixed;right:16px;bottom:16px;z-index:2147483000;border-radius:24px;" +
    "box-shadow:0 2px 6px rgba(0,0,0,.35);max-width:calc(100vw - 32px)}" +
    ".panel{position:fixed;right:16px;bottom:16px;z-index:2147483001;width:min(420px,calc(100vw - 32px));" +
    "height:min(660px,calc(100vh - 32px));display:flex;flex-direction:column;background:#fff;" +
    "border:2px solid var(--p);border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.35);overflow:hidden}" +
    "[hidden]{display:none!important}" +
    ".head{display:flex;flex-wrap:wrap;align-items:center;gap:8px;background:var(--p);color:var(--op);padding:8px 12px}" +
    ".head h2{flex:1 1 9em;margin:0;font-size:1.125rem;line-height:1.3}" +
    ".logo{max-height:32px;max-width:96px;background:#fff}" +
    ".exit{background:#b10e1e;color:#fff;border-color:#fff}" +
    ".close{background:transparent;color:var(--op);border-color:var(--op)}" +
    ".body{flex:1 1 auto;overflow-y:auto;padding:12px}" +
    ".notice{background:#f3f2f1;border-left:5px solid var(--p);padding:8px 12px;margin:0 0 12px}" +
    ".msg{margin:0 0 12px;padding:8px 12px;border-radius:6px;overflow-wrap:anywhere}" +
    ".you{background:#e8f1f8;margin-left:1.5em}.bot{background:#f3f2f1;margin-right:1.5em}" +
    ".adv{border:3px solid var(--p);margin-right:1.5em}.sys{border-left:5px solid #505a5f;border-radius:0}" +
    ".who{font-weight:700;font-size:.875rem}" +
    "a{color:#1d70b8;text-decoration:underline}a:visited{color:#4c2c92}" +
    "ol{margin:4px 0;padding-left:1.5em}li{margin:4px 0}li a{display:inline-block;min-height:24px}" +
    ".fb{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-top:8px}" +
    "[aria-pressed=true]{background:#0b0c0c;color:#fff}" +
    "form{border-top:1px solid #b1b4b6;padding:8px 12px;background:#fff}" +
    "label{display:block;font-weight:700;margin-bottom:4px}" +
    "textarea{display:block;width:100%;min-height:48px;max-height:30vh;resize:vertical;padding:6px;" +
    "border:2px solid #0b0c0c;background:#fff;color:#0b0c0c}" +
    ".hint{font-size:.875rem;color:#505a5f;margin:4px 0 8px}.acts{display:flex;flex-wrap:wrap;gap:8px}" +
    ".err{color:#b10e1e;font-weight:700;margin:8px 0 0}.err:empty{display:none}" +
    ".think::after{content:'';animation:fd 1.2s steps(4) infinite}" +
    "@keyframes fd{0%{content:''}25%{content:'.'}50%{content:'..'}75%{content:'...'}}" +
    ":focus-visible,textarea:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}" +
    ".sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}" +
    "@media (prefers-reduced-motion:reduce){*,::before,::after{animation:none!important;transition:none!important}}" +
    "@media (forced-colors:active){button,.panel,.msg,.notice{border:2px solid CanvasText}" +
    ":focus-visible,textarea:focus{outline:3px solid Highlight;box-shadow:none}}" +
    "@media (max-width:480px),(max-height:520px){.panel{inset:0;width:auto;height:auto;display:block;" +
    "border:0;border-radius:0;overflow-y:auto;scroll-padding-top:96px}.body{overflow:visible}" +
    ".head{position:sticky;top:0;z-index:1;padding:6px 8px}.head h2{flex:1 1 0;min-width:0;font-size:1rem}}";

  function load() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (e) { return null; }
  }
  function save() {
    try { sessionStorage.setItem(KEY, JSON.stringify(S)); } catch (e) { /* storage off: the page still works */ }
  }
  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) n.setAttribute(k, attrs[k]);
    if (text != null) n.textContent = text;
    return n;
  }
  function on(n, ev, fn) { n.addEventListener(ev, fn); return n; }
  function safeHref(u) {
    try {
      var x = new URL(String(u), location.href);
      if (x.protocol === "https:" || x.origin === location.origin || x.origin === BASE) return x.href;
    } catch (e) { /* not a URL */ }
    return null;
  }
  function announce(text) {
    ui.live.textContent = "";
    setTimeout(function () { ui.live.textContent = text; }, 60);
  }
  function paras(box, text) {
    String(text).split(/\n\s*\n/).forEach(function (chunk) {
      if (!chunk.trim()) return;
      var p = el("p");
      chunk.split("\n").forEach(function (line, i) {
        if (i) p.appendChild(el("br"));
        p.appendChild(document.createTextNode(line));
      });
      box.appendChild(p);
    });
  }

  var WHO = { you: "You", bot: "Assistant (automated)", adv: "Adviser (a person)", sys: "Notice" };
  function render(m) {
    var box = el("div", { "class": "msg " + m.r });
    box.appendChild(el("p", { "class": "who" }, WHO[m.r] + (m.x ? " (not sent)" : "")));
    paras(box, m.t);
    if (m.c && m.c.length) {
      var src = el("div", { "class": "src" });
      src.appendChild(el("p", { "class": "who" }, "Sources"));
      var ol = el("ol");
      m.c.forEach(function (c) {
        var li = el("li"), href = safeHref(c.url), label = c.title + (c.section ? " – " + c.section : "");
        li.appendChild(href ? el("a", { href: href }, label) : el("span", {}, label));
        ol.appendChild(li);
      });
      src.appendChild(ol);
      box.appendChild(src);
    }
    if (m.r === "bot" && m.a) box.appendChild(feedback(m));
    ui.log.appendChild(box);
    ui.body.scrollTop = ui.body.scrollHeight;
    return box;
  }
  function add(m) {
    S.m.push(m);
    if (S.m.length > 60) S.m.shift();
    save();
    announce(WHO[m.r] + ": " + m.t);
    return render(m);
  }

  function feedback(m) {
    var g = el("div", { "class": "fb", role: "group", "aria-label": "Was this answer helpful?" });
    g.appendChild(el("span", { "aria-hidden": "true" }, "Was this helpful?"));
    var yes = el("button", { type: "button", "aria-pressed": String(m.f === true) }, "Yes");
    var no = el("button", { type: "button", "aria-pressed": String(m.f === false) }, "No");
    var note = el("p", { "class": "sr", role: "status" });
    function vote(v, comment) {
      var body = { conversation_id: S.c, helpful: v };
      if (m.q) body.message_seq = m.q; else body.answer_index = m.i;
      if (comment) body.comment = comment;
      return post("/api/v1/feedback", body).then(function (r) {
        if (!r.ok) { note.textContent = problem(r); return false; }
        m.f = v; save();
        yes.setAttribute("aria-pressed", String(v)); no.setAttribute("aria-pressed", String(!v));
        note.textContent = "Thank you for your feedback.";
        return true;
      });
    }
    on(yes, "click", function () { vote(true); });
    on(no, "click", function () {
      vote(false).then(function (ok) {
        if (!ok || g.querySelector("textarea")) return;
        var id = "fd-c" + m.i, f = el("div", { "class": "more" });
        f.appendChild(el("label", { "for": id }, "What were you looking for? (optional, no personal details)"));
        var t = f.appendChild(el("textarea", { id: id, maxlength: "1000", rows: "2" }));
        on(f.appendChild(el("button", { type: "button" }, "Send feedback")), "click", function () {
          if (t.value.trim()) vote(false, t.value).then(function (sent) { if (sent) { f.remove(); no.focus(); } });
        });
        g.appendChild(f);
        t.focus();
      });
    });
    g.appendChild(yes); g.appendChild(no); g.appendChild(note);
    return g;
  }

  function post(path, body) {
    return fetch(BASE + path, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer"
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        return { ok: res.ok, status: res.status, data: data || {} };
      });
    }, function () { return { ok: false, status: 0, data: {} }; });
  }
  function problem(r) {
    if (r.status === 429 && r.data.detail) return String(r.data.detail);
    return "Sorry, something went wrong. Please try again" +
      (cfg.numbers.front_door ? ", or call " + cfg.numbers.front_door : "") + ". If anyone is in danger, call 999.";
  }
  function fail(r, m, box) {
    if (m) { m.x = 1; save(); box.firstChild.textContent = WHO.you + " (not sent)"; }
    ui.err.textContent = problem(r);
  }
  function wait(onoff) {
    busy = onoff;
    ui.think.hidden = !onoff;
  }

  function send(text) {
    text = String(text || "").trim();
    ui.err.textContent = "";
    if (busy) return;
    if (!text) { ui.err.textContent = "Please type your question first."; ui.input.focus(); return; }
    var m = { r: "you", t: text }, box = add(m);
    wait(true);
    post("/api/v1/chat", { message: text, conversation_id: S.c, council: COUNCIL, channel: "web" }).then(function (r) {
      wait(false);
      if (!r.ok) return fail(r, m, box);
      ui.input.value = "";
      reply(r.data);
    });
  }
  function reply(d) {
    S.c = d.conversation_id || S.c;
    if (d.reply) {
      var answer = d.outcome === "answered";
      add({ r: "bot", t: d.reply, c: d.citations || [], a: answer, i: S.n, q: d.message_seq });
      S.n += 1;
    }
    if (d.outcome === "handoff" || d.handoff) handed(d.handoff || {}, d.reply || "");
    save();
  }
  function handed(h, said) {
    var first = !S.h;
    S.h = h.id || S.h || "pending";
    save();
    if (first && !cfg.open_now && said.indexOf(cfg.numbers.out_of_hours || "\u0000") < 0)
      add({ r: "sys", t: cfg.out_of_hours_message });
    listen();
  }
  function person() {
    ui.err.textContent = "";
    if (busy) return;
    if (S.h) { announce("You have already asked for a person. They will reply here."); return; }
    if (!S.c) { send(PERSON_TEXT); return; }
    var m = { r: "you", t: PERSON_TEXT }, box = add(m);
    wait(true);
    post("/api/v1/conversations/" + encodeURIComponent(S.c) + "/handoff",
      { reason: "requested", channel: "web" }).then(function (r) {
      wait(false);
      if (r.status === 404 || r.status === 405) {  // no handoff API here: ask through the chat instead
        S.m.pop(); box.remove(); save(); send(PERSON_TEXT); return;
      }
      if (!r.ok) return fail(r, m, box);
      var d = r.data;  // {handoff_id, status, position, expected_wait_minutes, message}: not a bot answer
      if (d.message) { S.l = d.message; add({ r: "sys", t: d.message }); }
      handed({ id: d.handoff_id }, d.message || "");
    });
  }

  function seen(key) {
    if (S.s.indexOf(key) >= 0) return true;
    S.s.push(key);
    if (S.s.length > 300) S.s.shift();
    return false;
  }
  // Events: "message" {seq, role: advisor|system, text} and "status" {conversation_state, handoff: {status,
  // position, message}}. Joins, hand-backs and closes also arrive as system messages, so a status adds text
  // only while waiting (queue place) or for a callback (out of hours), and only when that text changed.
  function event(type, d) {
    if (!d || typeof d !== "object") return;
    if (type === "message") {
      if (d.seq > (S.q || 0)) S.q = d.seq;
      if (!d.text || (d.seq != null && seen("q" + d.seq))) return;
      if (d.role === "advisor") add({ r: "adv", t: d.text });
      else if (d.role === "system" && d.text !== S.l) { S.l = d.text; add({ r: "sys", t: d.text }); }
    } else if (type === "status") {
      var h = d.handoff || {}, msg = h.message;
      if (h.status === "callback") msg = msg || cfg.out_of_hours_message;
      if ((h.status === "waiting" || h.status === "callback") && msg && msg !== S.l) { S.l = msg; add({ r: "sys", t: msg }); }
      if (h.status === "closed" || d.conversation_state === "bot") ended();
    }
    save();
  }
  function ended() { S.h = S.l = null; save(); stop(); }
  function listen() {
    if (es || poll || !S.c || !window.EventSource) return;
    es = new EventSource(BASE + "/api/v1/conversations/" + encodeURIComponent(S.c) + "/events?after=" + (S.q || 0));
    var handle = function (ev) { try { event(ev.type, JSON.parse(ev.data)); } catch (e) { /* ignore */ } };
    es.onmessage = handle;
    es.addEventListener("status", handle);
    es.onerror = function () {
      if (es && es.readyState === 2) { es = null; poll = setInterval(pull, 4000); }  // no stream: poll instead
    };
  }
  function pull() {
    fetch(BASE + "/api/v1/conversations/" + encodeURIComponent(S.c), { credentials: "omit", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) return;
        (d.messages || []).forEach(function (m) {
          if (m.role === "advisor" || m.role === "system") event("message", m);
        });
        if (d.state === "bot") ended();
      }, function () { /* try again next tick */ });
  }
  function stop() {
    if (es) es.close();
    if (poll) clearInterval(poll);
    es = poll = null;
  }

  function quickExit() {
    stop();
    try { sessionStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
    S = { m: [], s: [] };
    ui.sr.replaceChildren();
    document.title = "";
    if (document.body) document.body.replaceChildren();
    var to = safeHref(cfg.quick_exit_url);
    location.replace(to || EXIT_DEFAULT);
  }
  function openPanel(focus) {
    S.o = true; save();
    ui.panel.hidden = false; ui.launch.hidden = true;
    ui.launch.setAttribute("aria-expanded", "true");
    if (focus) ui.input.focus();
  }
  function closePanel() {
    S.o = false; save();
    ui.panel.hidden = true; ui.launch.hidden = false;
    ui.launch.setAttribute("aria-expanded", "false");
    ui.launch.focus();
  }

  function build() {
    var host = el("div", { id: "frontdoor-widget" });
    document.body.appendChild(host);
    var sr = ui.sr = host.attachShadow({ mode: "open" });
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      sr.adoptedStyleSheets = [sheet];
    } catch (e) { sr.appendChild(el("style", {}, CSS)); }
    host.style.setProperty("--p", cfg.colours.primary);
    host.style.setProperty("--op", cfg.colours.on_primary);
    var w = sr.appendChild(el("div", { "class": "w" }));
    ui.launch = on(w.appendChild(el("button", { "class": "launch pri", type: "button", "aria-expanded": "false",
      "aria-controls": "fd-panel" }, "Ask " + cfg.name + " a question")), "click", function () { openPanel(true); });
    var panel = ui.panel = w.appendChild(el("section", { id: "fd-panel", "class": "panel", role: "dialog",
      "aria-modal": "false", "aria-labelledby": "fd-title", hidden: "" }));
    on(panel, "keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); closePanel(); } });
    var head = panel.appendChild(el("div", { "class": "head" }));
    var logo = cfg.logo_url && safeHref(cfg.logo_url);
    if (logo) head.appendChild(el("img", { "class": "logo", src: logo, alt: "" }));
    head.appendChild(el("h2", { id: "fd-title" }, cfg.name + " assistant"));
    on(head.appendChild(el("button", { "class": "exit", type: "button",
      "aria-label": "Quick exit: leave this page and clear the chat" }, "Quick exit")), "click", quickExit);
    on(head.appendChild(el("button", { "class": "close", type: "button", "aria-label": "Close chat" }, "Close")),
      "click", closePanel);
    var body = ui.body = panel.appendChild(el("div", { "class": "body" }));
    body.appendChild(el("p", { "class": "notice", id: "fd-notice" }, cfg.notice));
    ui.log = body.appendChild(el("div", { "class": "log", role: "region", "aria-label": "Conversation",
      tabindex: "0" }));
    ui.think = body.appendChild(el("p", { "class": "think", hidden: "" }, "The assistant is looking for an answer"));
    ui.live = body.appendChild(el("div", { "class": "sr", "aria-live": "polite" }));
    var form = panel.appendChild(el("form", { "aria-label": "Send a message" }));
    form.appendChild(el("label", { "for": "fd-input" }, "Your message"));
    ui.input = form.appendChild(el("textarea", { id: "fd-input", rows: "2", maxlength: "2000",
      "aria-describedby": "fd-hint fd-err" }));
    form.appendChild(el("p", { "class": "hint", id: "fd-hint" },
      "Please don't include names, addresses or other personal details. Press Enter to send."));
    var acts = form.appendChild(el("div", { "class": "acts" }));
    acts.appendChild(el("button", { "class": "pri", type: "submit" }, "Send"));
    on(acts.appendChild(el("button", { type: "button" }, "Talk to a person")), "click", person);
    ui.err = form.appendChild(el("p", { "class": "err", id: "fd-err", role: "alert" }));
    on(form, "submit", function (e) { e.preventDefault(); send(ui.input.value); });
    on(ui.input, "keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(ui.input.value); }
    });
    S.m.forEach(render);
    if (S.o) openPanel(false);
    if (S.h) listen();
  }

  function start() {
    fetch(BASE + "/widget/config/" + encodeURIComponent(COUNCIL), { credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (c) { if (c) cfg = c; }, function () { /* keep the defaults */ })
      .then(build);
  }
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
