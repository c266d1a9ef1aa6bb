// Progressive enhancement for the advisor console: live queue and conversation over server-sent events.
// Without JavaScript every page still works through plain links and forms.
(function () {
  "use strict";

  function cell(text) {
    var td = document.createElement("td");
    td.textContent = text;
    return td;
  }

  function claimForm(id, csrf) {
    var form = document.createElement("form");
    form.method = "post";
    form.action = "/advisor/handoffs/" + encodeURIComponent(id) + "/claim";
    var token = document.createElement("input");
    token.type = "hidden"; token.name = "csrf_token"; token.value = csrf;
    var button = document.createElement("button");
    button.type = "submit"; button.textContent = "Claim";
    form.appendChild(token); form.appendChild(button);
    return form;
  }

  var table = document.querySelector("[data-live-queue]");
  if (table && window.EventSource) {
    var queue = new EventSource(table.getAttribute("data-live-queue"));
    queue.addEventListener("queue", function (e) {
      var items = JSON.parse(e.data).items;
      var body = table.querySelector("tbody");
      body.textContent = "";
      items.forEach(function (i) {
        var tr = document.createElement("tr");
        [i.priority, i.council, i.reason, (i.category || "") + " " + (i.tier || ""), i.channel,
         Math.floor(i.waited_seconds / 60) + " min", i.status].forEach(function (t) { tr.appendChild(cell(t)); });
        var actions = document.createElement("td");
        var link = document.createElement("a");
        link.href = "/advisor/handoffs/" + encodeURIComponent(i.id); link.textContent = "Open";
        actions.appendChild(link);
        if (i.status === "waiting" || i.status === "callback") {
          actions.appendChild(claimForm(i.id, table.getAttribute("data-csrf")));
        }
        tr.appendChild(actions);
        body.appendChild(tr);
      });
    });
  }

  var list = document.querySelector("[data-live-conversation]");
  if (list && window.EventSource) {
    var url = list.getAttribute("data-live-conversation") + "?after=" + encodeURIComponent(list.getAttribute("data-after"));
    var conversation = new EventSource(url);
    conversation.addEventListener("message", function (e) {
      var m = JSON.parse(e.data);
      if (list.querySelector('[data-seq="' + m.seq + '"]')) { return; }
      var li = document.createElement("li");
      li.setAttribute("data-seq", m.seq);
      var who = document.createElement("strong");
      who.textContent = m.role;
      li.appendChild(who);
      li.appendChild(document.createTextNode(": " + m.text));
      list.appendChild(li);
    });
    conversation.addEventListener("status", function (e) {
      var s = JSON.parse(e.data);
      var status = document.querySelector("[data-status]");
      if (status) { status.textContent = s.status; }
    });
  }
})();
