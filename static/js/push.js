// "Show reminders on this device": ask the browser for a push subscription and hand it to the
// server (couplespace/notification_views.py, add_push_device). Without it the button stays hidden.
(function () {
  "use strict";
  var box = document.querySelector("[data-push-key]");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) ||
      !("Notification" in window)) return;
  box.hidden = false;
  document.querySelector("[data-push-unsupported]").hidden = true;

  function keyBytes(text) {
    var raw = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  box.querySelector("[data-push-subscribe]").addEventListener("click", function () {
    var failed = box.querySelector("[data-push-failed]");
    failed.hidden = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") throw new Error(permission);
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      return registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(box.getAttribute("data-push-key"))
      });
    }).then(function (subscription) {
      var found = subscription.toJSON();
      var data = new URLSearchParams({
        endpoint: found.endpoint,
        p256dh: found.keys.p256dh,
        auth: found.keys.auth,
        csrfmiddlewaretoken: document.querySelector("input[name=csrfmiddlewaretoken]").value
      });
      return fetch(box.getAttribute("data-push-url"), {
        method: "POST", body: data, credentials: "same-origin", headers: { "HX-Request": "true" }
      });
    }).then(function (response) {
      if (response.status !== 204) throw new Error(String(response.status));
      window.location.reload();
    }).catch(function () {
      failed.hidden = false;
    });
  });
})();
