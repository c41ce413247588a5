"""The page cache: a page made once for a person and sent again, without making it, until
something it shows has changed.

Most views are reads of things that change a few times a day (a village's notices, its
accounts, a person's points), made again for every view: 3–8 ms of the server's CPU each,
against 0.5 ms to send a page already made. A view marked `@cached_page` is kept, per person
and per session (the page carries the session's CSRF token), with the versions of the scopes it
depends on (page_versions.py). Before sending a kept page one statement reads those versions;
if any moved, or the page is older than PAGE_CACHE_SECONDS (the time left on a case), the
view makes it again.

A page's scopes are its person's (`p:`), those of every region the person belongs to (`in:`
their village and the regions of their roles, `at:` each region above), `all`, and any region
a view names with `depends_on_region`. The versions are read *before* the view reads anything,
so a page is never kept under versions newer than what it shows.

Never kept: anything but a GET of a marked view with status 200, a page showing a message
(flash), a request that wrote, or one whose session changed what the page carries (a new CSRF
token, a different person). Each web process keeps its own pages, in memory, within
PAGE_CACHE_ENTRIES.
"""
import threading
import time
from collections import OrderedDict
from datetime import datetime
from typing import NamedTuple

from flask import current_app, g, request, request_finished, session
from flask_login import current_user

from .auth import home_regions
from .i18n import BEIJING, LANG_COOKIE
from .page_versions import ALL, BUMPED, bumped_in_this_request, versions

KEY, READ, REGIONS = "page_cache_key", "page_cache_read", "page_cache_regions"
NOT_KEPT_HEADERS = {"set-cookie", "date", "content-length"}


def cached_page(view):
    """Mark a view (outermost, above login_required) whose page may be kept."""
    view.cached_page = True
    return view


def depends_on_region(region_id) -> None:
    """The page shows rows of a region that may not be the person's own (another village's
    notice): keep it only while that region is unchanged."""
    if not hasattr(g, REGIONS):
        setattr(g, REGIONS, set())
    getattr(g, REGIONS).add(int(region_id))


class Kept(NamedTuple):
    expires: float
    scopes: tuple
    versions: tuple
    status: int
    headers: list
    body: bytes


class PageCache:
    def __init__(self, entries: int, seconds: float):
        self.entries, self.seconds = entries, seconds
        self.hits = self.misses = 0
        self._pages: OrderedDict = OrderedDict()
        self._scopes: OrderedDict = OrderedDict()  # what a person's (or a key's) page last needed
        self._lock = threading.Lock()

    def _get(self, table: OrderedDict, key):
        with self._lock:
            found = table.get(key)
            if found is not None:
                table.move_to_end(key)
            return found

    def _put(self, table: OrderedDict, key, value) -> None:
        with self._lock:
            table[key] = value
            table.move_to_end(key)
            while len(table) > self.entries:
                table.popitem(last=False)

    def page(self, key) -> Kept | None:
        return self._get(self._pages, key)

    def keep(self, key, page: Kept) -> None:
        self._put(self._pages, key, page)

    def scopes_known(self, person: str, key) -> set:
        return set(self._get(self._scopes, person) or ()) | set(self._get(self._scopes, key) or ())

    def learn(self, person: str, key, person_scopes: set, page_scopes: set) -> None:
        self._put(self._scopes, person, frozenset(person_scopes))
        self._put(self._scopes, key, frozenset(page_scopes - person_scopes))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._scopes.clear()


def _cache() -> PageCache:
    return current_app.extensions["page_cache"]


def _remembered_only() -> bool:
    """Flask-Login signs in from the remember cookie alone: who it is is known only later."""
    cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return "_user_id" not in session and cookie in request.cookies


def _key() -> tuple | None:
    view = current_app.view_functions.get(request.endpoint or "")
    if (request.method != "GET" or not getattr(view, "cached_page", False) or "_flashes" in session
            or _remembered_only()):
        return None
    headers = request.headers
    return (request.full_path, session.get("_user_id"), session.get("csrf_token"),
            request.cookies.get(LANG_COOKIE), headers.get("Accept-Encoding"), headers.get("HX-Request"),
            headers.get("HX-Boosted"), headers.get("HX-History-Restore-Request"), headers.get("HX-Target"),
            datetime.now(BEIJING).date())  # a day's first view counts a read; dates say 今天


def _person_scopes(person_token: str | None) -> set:
    scopes = {ALL}
    if person_token:
        scopes.add(f"p:{person_token.partition('.')[0]}")
    return scopes


def _serve_kept():
    """before_request: send the kept page if nothing it shows has changed; otherwise read the
    versions the page will be kept under, before the view reads anything."""
    cache = _cache()
    for name in (READ, REGIONS, BUMPED):  # g outlives a request where a test holds the app context
        g.pop(name, None)
    key = _key() if cache.entries else None
    setattr(g, KEY, key)
    if key is None:
        return None
    person = key[1]
    kept = cache.page(key)
    wanted = (set(kept.scopes) if kept else cache.scopes_known(person, key)) | _person_scopes(person)
    now = versions(wanted)
    setattr(g, READ, now)
    fresh = kept and kept.expires > time.monotonic()
    if fresh and all(now[s] == v for s, v in zip(kept.scopes, kept.versions, strict=True)):
        cache.hits += 1
        setattr(g, KEY, None)  # sent as kept: nothing to keep afterwards
        return current_app.response_class(kept.body, status=kept.status, headers=kept.headers)
    cache.misses += 1
    return None


def _region_scopes(homes) -> set:
    scopes = {f"in:{region.id}" for region in homes}
    for region in homes:
        scopes |= {f"at:{rid}" for rid in region.ancestor_ids}
    return scopes


def _page_scopes(person: str | None) -> tuple[set, set]:
    """(the person's scopes, the page's): the regions the person belongs to, and those the view
    named."""
    scopes = _person_scopes(person)
    if person:
        scopes |= _region_scopes(home_regions(current_user))
    page = scopes | {f"at:{rid}" for rid in g.get(REGIONS, ())}
    return scopes, page


def _keep(_app, response, **_extra) -> None:
    """request_finished: keep the page just sent, if it may be sent again."""
    key = g.get(KEY)
    if (key is None or response.status_code != 200 or response.is_streamed or response.direct_passthrough
            or bumped_in_this_request() or "_flashes" in session
            or (session.get("_user_id"), session.get("csrf_token")) != key[1:3]):
        return
    cache, read = _cache(), g.get(READ, {})
    person_scopes, page_scopes = _page_scopes(key[1])
    cache.learn(key[1], key, person_scopes, page_scopes)
    if not page_scopes <= read.keys():
        return  # the versions of scopes not known before the view were not read: kept next time
    scopes = tuple(sorted(page_scopes))
    headers = [(name, value) for name, value in response.headers.items() if name.lower() not in NOT_KEPT_HEADERS]
    cache.keep(key, Kept(time.monotonic() + cache.seconds, scopes, tuple(read[s] for s in scopes),
                         response.status_code, headers, response.get_data()))


def init_app(app) -> None:
    """First of the before_request hooks: a kept page is a GET of a marked view, which none of
    the others (CSRF, rate limits on POSTs, WTForms' catalogue, write intent) has anything to do
    with, and skipping them is a sixth of a kept page's cost."""
    app.extensions["page_cache"] = PageCache(app.config["PAGE_CACHE_ENTRIES"], app.config["PAGE_CACHE_SECONDS"])
    app.before_request_funcs.setdefault(None, []).insert(0, _serve_kept)
    request_finished.connect(_keep, app)
