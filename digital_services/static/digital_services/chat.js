/* The guidance chat, progressive enhancement: without this file the form posts and the page
   reloads with the answer. With it, the same POST asks for JSON and the answer is added to the
   conversation in place. No third-party code; nothing is stored in the browser. */
(function () {
  "use strict";
  var form = document.getElementById("chat-form");
  var log = document.getElementById("chat-log");
  if (!form || !log || !window.fetch) { return; }
  var input = form.querySelector("input[name=message]");
  var unmatched = form.querySelector("input[name=unmatched]");

  function item(cls, who, text) {
    var li = document.createElement("li");
    li.className = cls;
    var label = document.createElement("span");
    label.className = "chat-who";
    label.textContent = who + ":";
    li.appendChild(label);
    li.appendChild(document.createTextNode(" " + text));
    return li;
  }

  function contactList(contacts) {
    var ul = document.createElement("ul");
    ul.className = "chat-contacts";
    contacts.forEach(function (c) {
      var li = document.createElement("li");
      li.appendChild(document.createTextNode(c.name + ": "));
      var a = document.createElement("a");
      a.textContent = c.value;
      a.href = c.kind === "phone" ? "tel:" + c.value.replace(/\s/g, "") : c.value;
      li.appendChild(a);
      ul.appendChild(li);
    });
    return ul;
  }

  form.addEventListener("submit", function (event) {
    var text = input.value.trim();
    if (!text) { return; }
    event.preventDefault();
    var data = new FormData(form);
    log.appendChild(item("chat-you", log.dataset.you, text));
    input.value = "";
    fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) {
        log.appendChild(item("chat-bot chat-error", log.dataset.bot, result.body.error || log.dataset.error));
        return;
      }
      var reply = result.body;
      var li = item("chat-bot chat-level-" + reply.escalation, log.dataset.bot, reply.answer);
      if (reply.contacts && reply.contacts.length) { li.appendChild(contactList(reply.contacts)); }
      log.appendChild(li);
      if (unmatched) { unmatched.value = reply.unmatched; }
    }).catch(function () {
      log.appendChild(item("chat-bot chat-error", log.dataset.bot, log.dataset.error));
    }).then(function () {
      input.focus();
    });
  });
}());
