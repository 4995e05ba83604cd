// After Quick exit, Back must not bring CoupleSpace up again. No page can remove the entries
// before it from the tab's history, so Quick exit (app.js) remembers, for this tab only, where
// it went; a page of ours reached again through Back or Forward hides itself before it is drawn
// and leaves for the same place, in place of itself. A page opened any other way (a link, the
// address bar) forgets it, so coming back on purpose works. Loaded in <head>, without defer,
// so that it runs before the page shows.
(function () {
  "use strict";
  // This file runs before the page is drawn, so it also marks that JavaScript runs: controls
  // that only work with it (the copy buttons) show only then (components.css).
  document.documentElement.classList.add("js");
  var KEY = "couplespace-quick-exit";

  function exitUrl() {
    try {
      return window.sessionStorage.getItem(KEY);
    } catch (e) {
      return null;
    }
  }

  function leaveAgain(url) {
    document.documentElement.style.display = "none";
    window.location.replace(url);
  }

  var url = exitUrl();
  if (url) {
    var entry = window.performance.getEntriesByType("navigation")[0];
    if (entry && entry.type === "back_forward") {
      leaveAgain(url);
    } else {
      window.sessionStorage.removeItem(KEY);
    }
  }

  // A page the browser kept whole (the back-forward cache) runs no script again: only this.
  window.addEventListener("pageshow", function (event) {
    var url = exitUrl();
    if (event.persisted && url) leaveAgain(url);
  });
})();
