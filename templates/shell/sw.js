/* 村里 service worker. Shell files are precached per version; pages are network-first and
   kept for offline reading, but only for the person who saw them: when the server says the
   visitor changed (logout, another login) every saved page is deleted. */
const VERSION = "{{ version }}";
const SHELL = "shell-" + VERSION;
const PAGES = "pages";
const OWNER_KEY = "/__owner__";
const KEPT_KEY = "/__kept__";
const PRECACHE = {{ precache|tojson }};
const OFFLINE_URL = "{{ offline_url }}";
const MAX_PAGES = 60;

// Install costs the network only what no cache holds: a file of the shell before (versioned
// names: same name, same bytes) is copied across, the rest come through the HTTP cache, where
// the page that registered us has just put them.
async function precache() {
  const cache = await caches.open(SHELL);
  for (const url of PRECACHE) {
    const held = await caches.match(url, { ignoreVary: true });
    await (held ? cache.put(url, held) : cache.add(url));
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

// Every write to the saved pages goes through this one chain, one after another: two pages
// stored at once while the cache is empty would each see "no owner yet" and wipe the other.
let writes = Promise.resolve();
// Each page fetch takes a ticket when it starts. When the visitor changes, the ticket of the
// page that showed it is kept: a page of the previous visitor still on its way (asked for
// before the logout, answered after) is then older than the change and is not kept.
let tickets = 0;
let ownerSince = 0;
function serially(work) {
  const done = writes.then(work, work);
  writes = done.catch(() => null);
  return done;
}

async function tellPages(message) {
  for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage(message);
}

self.addEventListener("message", (event) => {
  if (event.data === "forget-pages") {
    const ticket = ++tickets;
    event.waitUntil(serially(() => { ownerSince = ticket; return caches.delete(PAGES); }));
  }
  // The home page names what should be readable offline (the latest notices, the open
  // finance period), each with its revision: fetch, while there is signal, only those not
  // kept yet or kept at another revision, then say what is kept.
  if (event.data && event.data.type === "keep-for-offline") {
    event.waitUntil(keepForOffline(event.data.pages).then((urls) => tellPages({ type: "kept-for-offline", urls })));
  }
});

async function keptRevisions() {
  const stored = await caches.match(KEPT_KEY, { cacheName: PAGES });
  return stored ? stored.json() : {};
}

async function keepForOffline(pages) {
  const kept = await keptRevisions();
  const stale = [];
  for (const page of pages) {
    const held = kept[page.url] === page.v && await caches.match(page.url, { cacheName: PAGES, ignoreVary: true });
    if (!held) stale.push(page);
  }
  const fetched = await Promise.all(stale.map((page) => {
    const ticket = ++tickets;
    return fetch(page.url, { credentials: "same-origin" })
      .then((response) => response.ok ? rememberPage(new Request(page.url), response, ticket).then((kept) => kept && page) : null)
      .catch(() => null);
  }));
  const now = fetched.filter(Boolean);
  if (now.length) {
    await serially(async () => {
      const revisions = await keptRevisions();
      for (const page of now) revisions[page.url] = page.v;
      const cache = await caches.open(PAGES);
      await cache.put(KEPT_KEY, new Response(JSON.stringify(revisions)));
    });
  }
  const revisions = await keptRevisions();
  return pages.filter((page) => revisions[page.url] === page.v).map((page) => page.url);
}

function isPage(request) {
  if (request.method !== "GET") return false;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/static/")) return false;
  if (url.pathname === "/sw.js" || url.pathname === "/healthz") return false;
  if (request.mode === "navigate") return true;
  // htmx: a boosted navigation gets a whole page; a plain htmx request gets a fragment.
  return request.headers.get("HX-Request") === "true" && request.headers.get("HX-Boosted") === "true";
}

function rememberPage(request, response, ticket) {
  return serially(() => storePage(request, response, ticket));
}

// Whether the page was kept.
async function storePage(request, response, ticket) {
  const owner = response.headers.get("X-Cunli-User") || "";
  const cache = await caches.open(PAGES);
  const stored = await cache.match(OWNER_KEY);
  const previous = stored ? await stored.text() : null;
  if (previous !== owner) {
    if (ticket < ownerSince) return false;  // asked for before the visitor changed
    ownerSince = ticket;
    await caches.delete(PAGES);
    const fresh = await caches.open(PAGES);
    await fresh.put(OWNER_KEY, new Response(owner));
    await fresh.put(request.url, response);
    return true;
  }
  await cache.put(request.url, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES - 1))) {
    if (!old.url.endsWith(OWNER_KEY) && !old.url.endsWith(KEPT_KEY)) await cache.delete(old);
  }
  return true;
}

async function markOffline(response) {
  const html = await response.text();
  const headers = new Headers(response.headers);
  headers.set("X-Cunli-Offline", "1");
  return new Response(html.replace('<div class="offline-notice" role="status" hidden>', '<div class="offline-notice" role="status">'),
    { status: 200, headers });
}

async function pageFromNetworkOrCache(event) {
  const request = event.request;
  const ticket = ++tickets;
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get("Content-Type") || "").startsWith("text/html")) {
      event.waitUntil(rememberPage(request, response.clone(), ticket));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request.url, { cacheName: PAGES, ignoreVary: true });
    if (cached) return markOffline(cached);
    const offline = await caches.match(OFFLINE_URL, { cacheName: SHELL, ignoreVary: true });
    return offline ? markOffline(offline) : Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (isPage(request)) {
    event.respondWith(pageFromNetworkOrCache(event));
    return;
  }
  if (request.method === "GET" && new URL(request.url).pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request, { ignoreVary: true }).then((hit) => hit || fetch(request)));
  }
});
