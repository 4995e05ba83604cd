// CoupleSpace's small behaviours. Every page works without this file; it only adds comfort.
(function () {
  "use strict";

  // Quick exit: leave for a neutral page in place of this one in the tab's history, and
  // remember for exit-guard.js that we left, so Back into our other pages leaves again. A
  // person who asked for it is signed out on the way, by a beacon that outlives this page.
  function quickExit(event) {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) return;
    if (event) event.preventDefault();
    document.body.hidden = true;
    try {
      window.sessionStorage.setItem("couplespace-quick-exit", link.href);
    } catch (e) {
      // Storage is off: Quick exit still leaves.
    }
    var signOut = link.getAttribute("data-sign-out");
    if (signOut) {
      var form = new FormData();
      form.append("csrfmiddlewaretoken", link.getAttribute("data-csrf"));
      if (!(navigator.sendBeacon && navigator.sendBeacon(signOut, form))) {
        fetch(signOut, { method: "POST", body: form, credentials: "same-origin", keepalive: true });
      }
    }
    window.location.replace(link.href);
  }

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 800) quickExit();
    lastEscape = now;
  });

  document.addEventListener("click", function (event) {
    var exit = event.target.closest("[data-quick-exit]");
    if (exit) {
      quickExit(event);
      return;
    }
    var copy = event.target.closest("[data-copy]");
    if (copy) {
      var source = document.querySelector(copy.getAttribute("data-copy"));
      var text = source.value !== undefined ? source.value : source.textContent.trim();
      // "Copied" shows on the button and is read out by the page's status region.
      var done = function () {
        var original = copy.textContent;
        var copied = copy.getAttribute("data-copied");
        var status = document.getElementById("copy-status");
        copy.textContent = copied;
        if (status) {
          status.textContent = "";
          setTimeout(function () { status.textContent = copied; }, 50);
        }
        setTimeout(function () {
          copy.textContent = original;
          if (status) status.textContent = "";
        }, 1500);
      };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(text).then(done, function () {
          if (source.select) source.select();
        });
      } else if (source.select) {
        source.select();
      }
    }
  });

  // The phone's menu: the links after the first few fold under "More", a disclosure button.
  // Without this script every link shows.
  var nav = document.querySelector(".site-nav");
  var toggle = nav && nav.querySelector(".nav-toggle");
  if (toggle) {
    var showMenu = function (open) {
      nav.setAttribute("data-menu", open ? "open" : "closed");
      toggle.setAttribute("aria-expanded", String(open));
    };
    showMenu(false);
    toggle.addEventListener("click", function () {
      showMenu(toggle.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        showMenu(false);
        toggle.focus();
      }
    });
  }

  // After htmx swaps in a form's answer, bring its message (saved, or what to correct) into
  // view and focus, so a keyboard or screen-reader user is not left where the old form was.
  document.addEventListener("htmx:afterSettle", function (event) {
    var message = event.target.querySelector("[data-focus-after-swap]");
    if (message) message.focus();
  });

  // The installable app: a service worker keeps static files and the offline page (sw.js).
  // Registered once the page has loaded, so that on a first visit its install, which fetches
  // the files it keeps, does not compete with the page's own.
  var body = document.body;
  var worker = body.getAttribute("data-service-worker");
  if (worker && "serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(worker, { scope: "/" }).catch(function () {});
    });
  }

  // A form marked data-keep-offline (the check-in, and Today's quick one) that cannot be sent is
  // kept on this device, for this person only, and sent once the connection is back. Its hidden
  // client_key lets the server save it once however often it arrives.
  var person = body.getAttribute("data-person");
  var keptName = "couplespace.kept." + person;
  var sending = false;

  function keptForms() {
    try {
      return JSON.parse(localStorage.getItem(keptName)) || [];
    } catch (e) {
      return [];
    }
  }

  function storeKept(items) {
    if (items.length) localStorage.setItem(keptName, JSON.stringify(items));
    else localStorage.removeItem(keptName);
  }

  function keepForm(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") fields.push([name, value]);
    });
    // When it was written: sent later, it counts for that day, not the day it arrives.
    fields.push(["kept_at", String(Date.now())]);
    var key = form.elements.client_key ? form.elements.client_key.value : String(Date.now());
    var items = keptForms().filter(function (item) { return item.key !== key; });
    var target = form.getAttribute("hx-target") || form.getAttribute("data-kept-target");
    items.push({ key: key, action: form.action, target: target, fields: fields });
    storeKept(items);
    var note = form.parentNode.querySelector("[data-kept-note]");
    if (!note) {
      note = document.createElement("p");
      note.className = "message";
      note.setAttribute("role", "status");
      note.setAttribute("tabindex", "-1");
      note.setAttribute("data-kept-note", "");
      form.parentNode.insertBefore(note, form);
    }
    note.textContent = form.getAttribute("data-kept-message");
    note.focus();
  }

  function showAnswer(item, html) {
    var target = item.target && document.querySelector(item.target);
    if (!target) return false;
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var answer = holder.firstElementChild;
    target.replaceWith(answer);
    if (window.htmx) window.htmx.process(answer);
    var message = answer.querySelector("[data-focus-after-swap]");
    if (message) message.focus();
    return true;
  }

  function sendOne(item, token) {
    var data = new URLSearchParams(item.fields);
    data.append("csrfmiddlewaretoken", token);
    return fetch(item.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "HX-Request": "true" }
    }).then(function (response) {
      // Sent to the login page, or refused by the server: kept, to try again later.
      if (response.redirected || response.status === 403 || response.status >= 500) return;
      return response.text().then(function (html) {
        var shown = showAnswer(item, html);
        if (response.ok || shown) {
          storeKept(keptForms().filter(function (kept) { return kept.key !== item.key; }));
        }
      });
    }, function () {});
  }

  function sendKept() {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var items = person ? keptForms() : [];
    if (sending || !token || !items.length || navigator.onLine === false) return;
    sending = true;
    items.reduce(function (previous, item) {
      return previous.then(function () { return sendOne(item, token.value); });
    }, Promise.resolve()).then(function () { sending = false; });
  }

  // Offline, a check-in is kept before htmx or the browser try to send it.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!person || !form.hasAttribute("data-keep-offline") || navigator.onLine !== false) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    keepForm(form);
  }, true);
  // Online in name only (a train between stations): kept when htmx could not reach the server.
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt;
    if (person && form.hasAttribute && form.hasAttribute("data-keep-offline")) keepForm(form);
  });
  window.addEventListener("online", sendKept);
  sendKept();

  // An htmx request the person made that failed (an answer of 4xx or 5xx, which is not swapped
  // in, or no answer at all) says so at the top of the page instead of doing nothing; what was
  // typed stays. A check-in kept offline says so itself.
  function requestProblem(event, reason) {
    var elt = event.detail.elt;
    var problem = document.getElementById("request-problem");
    if (!problem) return;
    if (reason === "unreachable" && person && elt.hasAttribute && elt.hasAttribute("data-keep-offline")) return;
    problem.textContent = problem.getAttribute("data-" + reason);
    problem.hidden = false;
    problem.focus();
  }
  document.addEventListener("htmx:responseError", function (event) { requestProblem(event, "failed"); });
  document.addEventListener("htmx:sendError", function (event) { requestProblem(event, "unreachable"); });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var problem = document.getElementById("request-problem");
    if (problem) problem.hidden = true;
  });

  // The unread count on the bell, and on a phone the badge on "More" and its Notifications
  // link: asked for once the page has loaded, every 15 seconds and when the window regains
  // focus, in the background (a failed ask stays quiet; the next one tries again). It asks with
  // the ETag of its last answer, so the server can say 304 (nothing changed) in one query;
  // pages are never stored by the browser, so the tag is kept here. One answer fills them all:
  // its [data-fill] parts go into the elements they name, the rest onto the bell. Plain fetch,
  // not htmx, so that a page needs htmx only for its forms. Without this script the bell is a
  // link to the notifications.
  var unread = document.getElementById("unread");
  var unreadTag = "";
  var asking = false;

  function showUnread(html) {
    var answer = document.createElement("template");
    answer.innerHTML = html;
    answer.content.querySelectorAll("[data-fill]").forEach(function (part) {
      var place = document.getElementById(part.getAttribute("data-fill"));
      if (place) place.innerHTML = part.innerHTML;
      part.remove();
    });
    unread.innerHTML = answer.innerHTML;
  }

  function askUnread() {
    if (asking) return;
    asking = true;
    fetch(unread.getAttribute("data-count-url"), {
      credentials: "same-origin",
      headers: unreadTag ? { "If-None-Match": unreadTag } : {}
    }).then(function (response) {
      // 304: nothing changed. Redirected: signed out meanwhile, so the answer is the login page.
      if (response.status !== 200 || response.redirected) return;
      unreadTag = response.headers.get("ETag") || "";
      return response.text().then(showUnread);
    }).catch(function () {}).then(function () { asking = false; });
  }

  if (unread) {
    window.addEventListener("load", function () {
      askUnread();
      setInterval(askUnread, 15000);
    });
    window.addEventListener("focus", askUnread);
  }

  // The phrasing helper's "Use this wording": the rewrite takes the place of the blaming
  // sentence in its box, the rest of the text kept as it is, and the first gap it leaves ("…")
  // is selected, so typing fills it in. The box then asks for fresh hints. Without this script
  // the same button sends the form, and the page comes back with the rewrite in the box.
  document.addEventListener("click", function (event) {
    var take = event.target.closest(".take-rewrite");
    if (!take) return;
    var box = document.getElementById(take.getAttribute("data-box"));
    if (!box) return;
    event.preventDefault();
    var sentence = take.getAttribute("data-sentence");
    var rewrite = take.getAttribute("data-rewrite");
    var start = box.value.indexOf(sentence);
    if (start < 0) {
      box.focus();  // changed meanwhile: the hints catch up as one types
      return;
    }
    box.value = box.value.slice(0, start) + rewrite + box.value.slice(start + sentence.length);
    var gap = /…+/.exec(rewrite);
    var from = start + (gap ? gap.index : rewrite.length);
    box.focus();
    box.setSelectionRange(from, gap ? from + gap[0].length : from);
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // Pre-select the browser's time zone on forms that ask for one, unless already chosen. Only
  // where there is such a form: the first use of Intl in a page loads the time-zone data, 20 to
  // 40 ms of work on a fast computer.
  document.addEventListener("DOMContentLoaded", function () {
    var selects = document.querySelectorAll("select[data-detect-timezone]");
    var zone;
    if (!selects.length) return;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    selects.forEach(function (select) {
      if (select.value === "UTC" && zone && select.querySelector('option[value="' + zone + '"]')) {
        select.value = zone;
      }
    });
  });
})();
