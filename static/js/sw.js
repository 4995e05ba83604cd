// CoupleSpace's service worker, served from /sw.js (couplespace/app_views.py fills in CONFIG).
// It keeps static files and the offline page, and shows pushes. It never keeps a page of
// anyone's: every page comes from the network, and one that cannot load gets the offline page.
"use strict";
var CONFIG = __CONFIG__;
var CACHE = "couplespace-" + CONFIG.version;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // The offline page is asked for without cookies: it is the same for everyone.
      var offline = new Request(CONFIG.offline, { credentials: "omit" });
      return Promise.all([cache.addAll(CONFIG.precache), cache.add(offline)]);
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("couplespace-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function keep(request, response) {
  if (response.ok) {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

// Static files: from the cache first in production (their names change with their contents),
// from the network first in development (where they do not).
function staticFile(request) {
  var fromNetwork = function () {
    return fetch(request).then(function (response) { return keep(request, response); });
  };
  if (!CONFIG.staticFirst) {
    return fromNetwork().catch(function () { return caches.match(request); });
  }
  return caches.match(request).then(function (hit) { return hit || fromNetwork(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf(CONFIG.static) === 0) {
    event.respondWith(staticFile(request));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () {
      return caches.match(CONFIG.offline, { ignoreVary: true });
    }));
  }
  // Anything else (htmx's requests, the manifest) goes to the network untouched.
});

self.addEventListener("push", function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  event.waitUntil(self.registration.showNotification(data.title || "CoupleSpace", {
    body: data.body || "",
    tag: data.tag,
    icon: CONFIG.icon,
    data: { url: data.url || "/" }
  }));
});

// Opening a push: to its page on this site (never elsewhere), in a window already open if any.
self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var target = new URL(event.notification.data.url, self.location.origin);
  if (target.origin !== self.location.origin) target = new URL("/", self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then(function (windows) {
      for (var i = 0; i < windows.length; i++) {
        if (windows[i].url === target.href && "focus" in windows[i]) return windows[i].focus();
      }
      return self.clients.openWindow(target.href);
    })
  );
});
