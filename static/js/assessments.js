// The relationship test: after htmx swaps in a new screen, move focus to its heading so
// keyboard and screen-reader users start at the top of the new questions.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    var heading = document.getElementById("step-heading");
    if (heading && event.detail.target.id === "test-step") {
      heading.focus({ preventScroll: true });
    }
  });
})();
