/*
 * Web chat of the "Convention numérique 79" assistant, embeddable in an ENT page.
 *
 *   <script src="https://gateway/webchat/chat.js" data-token="<JWT from the ENT>"
 *           data-endpoint="https://gateway" data-open="false" data-container="element-id"></script>
 *
 * Without data-container the chat is a floating panel opened by a button; with it, the chat fills
 * that element (embed.html does this for iframes and reads the token from #token=... in its URL).
 * Every user or bot string is inserted as text (createTextNode / textContent), never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) { return; }
  var config = {
    token: script.getAttribute("data-token") || "",
    endpoint: (script.getAttribute("data-endpoint") || new URL(script.src, location.href).origin).replace(/\/+$/, ""),
    open: script.getAttribute("data-open") === "true",
    container: script.getAttribute("data-container") || ""
  };
  if (!config.token && location.hash.indexOf("token=") !== -1) {
    // The iframe form passes the token in the fragment: never sent to servers nor written in their logs.
    config.token = decodeURIComponent(location.hash.split("token=")[1].split("&")[0]);
  }

  var PARTIES = {
    departement: "Département des Deux-Sèvres",
    academie: "Académie de Poitiers",
    canope: "Réseau Canopé",
    college: "Le collège"
  };
  var SESSION_KEY = "cn79-chat-session";
  var MAX_CHARS = 2000;
  var nextId = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "className") { node.className = attrs[name]; } else { node.setAttribute(name, attrs[name]); }
    });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // Drawn rather than an emoji: some workstations of the ENT have no emoji font.
  function paperclip() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "20");
    svg.setAttribute("height", "20");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5");
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "1.8");
    path.setAttribute("stroke-linecap", "round");
    svg.appendChild(path);
    return svg;
  }

  function uid(prefix) { nextId += 1; return "cn79-" + prefix + "-" + nextId; }

  function loadSession() {
    try { return window.localStorage.getItem(SESSION_KEY) || ""; } catch (e) { return ""; }
  }
  function saveSession(value) {
    if (!value) { return; }
    try { window.localStorage.setItem(SESSION_KEY, value); } catch (e) { /* private mode: session per page */ }
  }

  // ---------------------------------------------------------------- phone links in bot text (as DOM nodes)

  // French phone numbers such as 05.49.06.63.60 or 05 16 52 66 86. Not URLs: the bot's answers hold none
  // of their own, so any URL in a reply is one a user typed (echoed in a recap) and must stay plain text.
  var LINKABLE = /((?:\+33\s?|0)[1-9](?:[\s.\-]?\d{2}){4})/g;

  function appendLinkified(parent, text) {
    var last = 0;
    var match;
    LINKABLE.lastIndex = 0;
    while ((match = LINKABLE.exec(text)) !== null) {
      if (match.index > last) { parent.appendChild(document.createTextNode(text.slice(last, match.index))); }
      var digits = match[1].replace(/[^\d+]/g, "");
      var international = digits.charAt(0) === "+" ? digits : "+33" + digits.slice(1);
      parent.appendChild(el("a", { href: "tel:" + international, className: "cn79-tel",
                                   "aria-label": "Appeler le " + match[1] }, match[1]));
      last = match.index + match[0].length;
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }

  function appendParagraphs(parent, text) {
    String(text).split(/\n{2,}/).forEach(function (block) {
      var p = el("p");
      block.split("\n").forEach(function (line, index) {
        if (index > 0) { p.appendChild(el("br")); }
        appendLinkified(p, line);
      });
      parent.appendChild(p);
    });
  }

  // ---------------------------------------------------------------------------------------- widget

  function Chat(root) {
    this.root = root;
    this.session = loadSession();
    this.busy = false;
    this.build();
  }

  Chat.prototype.build = function () {
    var self = this;
    var titleId = uid("title");
    var inputId = uid("input");
    var fileId = uid("file");
    var hintId = uid("hint");

    this.panel = el("section", { className: "cn79-panel", "aria-labelledby": titleId });
    var header = el("header", { className: "cn79-header" });
    header.appendChild(el("h2", { id: titleId, className: "cn79-title" }, "Assistant numérique des collèges"));
    header.appendChild(el("p", { className: "cn79-subtitle" },
      "Qui fait quoi, d'après la convention cadre de 2017 (Deux-Sèvres)"));
    this.panel.appendChild(header);

    this.log = el("div", { className: "cn79-log", role: "log", "aria-live": "polite",
                           "aria-relevant": "additions", "aria-label": "Conversation", tabindex: "0" });
    this.panel.appendChild(this.log);

    this.typing = el("div", { className: "cn79-typing", role: "status", "aria-live": "polite" });
    this.panel.appendChild(this.typing);

    this.form = el("form", { className: "cn79-form", novalidate: "novalidate" });
    var label = el("label", { "for": inputId, className: "cn79-visually-hidden" }, "Votre question");
    this.input = el("textarea", { id: inputId, className: "cn79-input", rows: "2", maxlength: String(MAX_CHARS),
                                  placeholder: "Posez votre question…", "aria-describedby": hintId,
                                  autocomplete: "off" });
    var hint = el("p", { id: hintId, className: "cn79-visually-hidden" },
      "Entrée pour envoyer, Maj+Entrée pour aller à la ligne.");
    var fileLabel = el("label", { "for": fileId, className: "cn79-attach", title: "Joindre une photo ou un PDF (5 Mo maximum)" });
    fileLabel.appendChild(paperclip());
    fileLabel.appendChild(el("span", { className: "cn79-visually-hidden" }, "Joindre une photo ou un PDF (5 Mo maximum)"));
    this.file = el("input", { id: fileId, type: "file", className: "cn79-file",
                              accept: "image/jpeg,image/png,application/pdf" });
    this.send = el("button", { type: "submit", className: "cn79-send" }, "Envoyer");
    this.form.appendChild(label);
    this.form.appendChild(hint);
    this.form.appendChild(this.input);
    this.form.appendChild(this.file);  // before its label so CSS can show the focus on the label
    this.form.appendChild(fileLabel);
    this.form.appendChild(this.send);
    this.panel.appendChild(this.form);

    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        self.submit();
      }
    });
    this.file.addEventListener("change", function () { self.upload(); });
    this.root.appendChild(this.panel);
  };

  Chat.prototype.headers = function (json) {
    var headers = {};
    if (json) { headers["Content-Type"] = "application/json"; }
    if (config.token) { headers.Authorization = "Bearer " + config.token; }
    return headers;
  };

  Chat.prototype.scroll = function () { this.log.scrollTop = this.log.scrollHeight; };

  Chat.prototype.bubble = function (who, text, extraClass) {
    var item = el("div", { className: "cn79-msg cn79-" + who + (extraClass ? " " + extraClass : "") });
    item.appendChild(el("span", { className: "cn79-visually-hidden" }, who === "user" ? "Vous : " : "Assistant : "));
    var body = el("div", { className: "cn79-text" });
    if (who === "bot") { appendParagraphs(body, text); } else { body.textContent = text; }
    item.appendChild(body);
    this.log.appendChild(item);
    this.scroll();
    return item;
  };

  Chat.prototype.citation = function (custom) {
    if (!custom || typeof custom.quote !== "string" || !custom.quote) { return; }
    var label = custom.article_label || (custom.articles && custom.articles[0]) || "Convention";
    var card = el("figure", { className: "cn79-citation" });
    var quote = el("blockquote", { className: "cn79-quote" });
    quote.textContent = "« " + custom.quote + " »";
    card.appendChild(quote);
    var caption = el("figcaption", { className: "cn79-source" });
    caption.appendChild(document.createTextNode("Source : " + String(label) + " — convention cadre de 2017"));
    var parties = (custom.parties || []).map(function (id) { return PARTIES[id] || String(id); });
    if (parties.length) {
      caption.appendChild(el("span", { className: "cn79-parties" }, " · " + parties.join(", ")));
    }
    card.appendChild(caption);
    this.log.appendChild(card);
    this.scroll();
  };

  // Every button gets an accessible name; the feedback buttons say what they rate.
  var FEEDBACK_LABELS = {
    '/feedback{"value": "up"}': "Cette réponse est utile",
    '/feedback{"value": "down"}': "Cette réponse n'est pas utile"
  };

  Chat.prototype.buttons = function (buttons) {
    var self = this;
    var group = el("div", { className: "cn79-replies", role: "group", "aria-label": "Réponses suggérées" });
    buttons.forEach(function (button) {
      var title = button.title || button.payload;
      var b = el("button", { type: "button", className: "cn79-reply",
                             "aria-label": FEEDBACK_LABELS[button.payload] || String(title) }, title);
      b.addEventListener("click", function () {
        Array.prototype.forEach.call(group.querySelectorAll("button"), function (other) { other.disabled = true; });
        b.setAttribute("aria-pressed", "true");
        self.exchange(button.payload, button.title || button.payload);
        self.input.focus();
      });
      group.appendChild(b);
    });
    this.log.appendChild(group);
    this.scroll();
  };

  Chat.prototype.render = function (messages) {
    var self = this;
    (messages || []).forEach(function (message) {
      if (message.text) { self.bubble("bot", message.text); }
      if (message.custom) { self.citation(message.custom); }
      if (message.image) {
        var p = el("p", { className: "cn79-msg cn79-bot" });
        appendLinkified(p, message.image);
        self.log.appendChild(p);
      }
      if (message.buttons && message.buttons.length) { self.buttons(message.buttons); }
    });
  };

  Chat.prototype.setBusy = function (busy) {
    this.busy = busy;
    this.send.disabled = busy;
    this.typing.textContent = busy ? "L'assistant écrit…" : "";
    this.typing.classList.toggle("cn79-active", busy);
  };

  Chat.prototype.submit = function () {
    if (this.busy) { return; }
    var text = this.input.value.trim();
    if (!text) {
      this.bubble("bot", "Écrivez votre question, par exemple « Qui répare les ordinateurs ? ».", "cn79-error");
      this.input.focus();
      return;
    }
    this.input.value = "";
    this.exchange(text, text);
  };

  // Sends `message` (typed text or a button's payload) and shows `shown` as the user's bubble.
  Chat.prototype.exchange = function (message, shown) {
    var self = this;
    if (this.busy) { return; }
    this.bubble("user", shown);
    this.setBusy(true);
    fetch(config.endpoint + "/api/chat", {
      method: "POST",
      headers: this.headers(true),
      body: JSON.stringify({ message: message, session: this.session })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    }).then(function (result) {
      self.setBusy(false);
      if (result.data.session) { self.session = result.data.session; saveSession(self.session); }
      if (!result.ok) {
        self.bubble("bot", result.data.error || "Le service ne répond pas. Réessayez dans un instant.", "cn79-error");
        // Nothing typed is lost: a refused message goes back into the input to be edited.
        if (message === shown && result.status < 500 && !self.input.value) { self.input.value = shown; }
        return;
      }
      if (!result.data.messages || !result.data.messages.length) {
        self.bubble("bot", "Je n'ai pas de réponse à cela. Pouvez-vous reformuler ?");
        return;
      }
      self.render(result.data.messages);
    }).catch(function () {
      self.setBusy(false);
      self.bubble("bot", "Connexion impossible avec l'assistant. Vérifiez votre réseau et réessayez.", "cn79-error");
      if (message === shown && !self.input.value) { self.input.value = shown; }
    });
  };

  Chat.prototype.upload = function () {
    var self = this;
    var file = this.file.files && this.file.files[0];
    if (!file) { return; }
    if (file.size > 5 * 1024 * 1024) {
      this.bubble("bot", "« " + file.name + " » dépasse 5 Mo : réduisez-le puis renvoyez-le.", "cn79-error");
      this.file.value = "";
      return;
    }
    var form = new FormData();
    form.append("session", this.session);
    form.append("file", file, file.name);
    this.bubble("user", "📎 " + file.name);
    this.setBusy(true);
    fetch(config.endpoint + "/api/upload", { method: "POST", headers: this.headers(false), body: form })
      .then(function (response) { return response.json().catch(function () { return {}; }); })
      .then(function (data) {
        self.setBusy(false);
        if (data.session) { self.session = data.session; saveSession(self.session); }
        self.bubble("bot", data.message || data.error || "Le fichier n'a pas pu être envoyé.",
                    data.error ? "cn79-error" : "");
      })
      .catch(function () {
        self.setBusy(false);
        self.bubble("bot", "Le fichier n'a pas pu être envoyé. Réessayez.", "cn79-error");
      })
      .then(function () { self.file.value = ""; self.input.focus(); });
  };

  // Ticket news (status changes, replies of support staff) waiting since the last visit.
  Chat.prototype.news = function () {
    var self = this;
    var url = config.endpoint + "/api/news" + (this.session ? "?session=" + encodeURIComponent(this.session) : "");
    fetch(url, { headers: this.headers(false) })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (data) {
        if (data.session) { self.session = data.session; saveSession(self.session); }
        (data.news || []).forEach(function (item) {
          // A teacher's signalement for the RUPN carries its own wording and the one-tap forward.
          self.bubble("bot", item.kind === "signalement" ? "🔔 " + item.text
                             : "🔔 Nouveau sur le ticket " + item.ticket + " : " + item.text, "cn79-news");
          if (item.buttons && item.buttons.length) { self.buttons(item.buttons); }
        });
      })
      .catch(function () { /* news are a bonus: the chat works without them */ });
  };

  Chat.prototype.welcome = function () {
    this.bubble("bot", "Bonjour ! Je réponds aux questions sur la répartition des rôles informatiques entre le " +
      "Département, l'Académie, Réseau Canopé et votre collège. Par exemple : « Qui répare les ordinateurs ? » " +
      "ou « Quel numéro appeler pour une panne réseau ? ». Je peux aussi enregistrer un incident.");
  };

  // ------------------------------------------------------------------------------------ mounting

  function mount() {
    var host;
    if (config.container) {
      host = document.getElementById(config.container);
      if (!host) { return; }
      host.classList.add("cn79-chat", "cn79-inline");
      var chat = new Chat(host);
      chat.welcome();
      chat.news();
      return;
    }
    host = el("div", { className: "cn79-chat cn79-floating" });
    var panelId = uid("panel");
    var launcher = el("button", { type: "button", className: "cn79-launcher", "aria-expanded": "false",
                                  "aria-controls": panelId }, "Aide numérique");
    host.appendChild(launcher);
    document.body.appendChild(host);
    var widget = new Chat(host);
    widget.panel.id = panelId;
    var started = false;
    function toggle(open) {
      widget.panel.hidden = !open;
      launcher.setAttribute("aria-expanded", open ? "true" : "false");
      launcher.textContent = open ? "Fermer l'aide" : "Aide numérique";
      if (open) {
        if (!started) { started = true; widget.welcome(); widget.news(); }
        widget.input.focus();
      }
    }
    launcher.addEventListener("click", function () { toggle(widget.panel.hidden); });
    host.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !widget.panel.hidden) { toggle(false); launcher.focus(); }
    });
    toggle(config.open);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
}());
