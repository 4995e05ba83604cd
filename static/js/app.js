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
      var done = function () {
        var original = copy.textContent;
        copy.textContent = copy.getAttribute("data-copied") || "✓";
        setTimeout(function () { copy.textContent = original; }, 1500);
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

  // Pre-select the browser's time zone on forms that ask for one, unless already chosen.
  document.addEventListener("DOMContentLoaded", function () {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    document.querySelectorAll("select[data-detect-timezone]").forEach(function (select) {
      if (select.value === "UTC" && zone && select.querySelector('option[value="' + zone + '"]')) {
        select.value = zone;
      }
    });
  });
})();
