"""What a page costs the database: statements counted on the wire to the database (BEGIN and
savepoints not counted). Every signed-in page reads the person in one statement (account,
roles, village and the unread count); the rest is the page's own."""
import pytest


@pytest.fixture(autouse=True)
def pages_made_every_time(app):
    """These tests count what making a page costs: no page is sent as kept (page_cache)."""
    app.extensions["page_cache"].entries = 0


def _count(statements, browser, url) -> int:
    browser.get(url)  # the first view may warm what is kept (the locale, the compiled template)
    statements.clear()
    assert browser.get(url).status_code == 200
    return len(statements)


def test_a_villagers_home_takes_at_most_six_statements(login, statements):
    villager = login("13800000005")
    assert _count(statements, villager, "/") <= 6, statements


@pytest.mark.parametrize(("phone", "url", "most"), [
    ("13800000005", "/offline", 1),  # the person: the floor of a signed-in page
    ("13800000005", "/cases/new", 2),
    ("13800000005", "/notices", 4),
    ("13800000005", "/finance", 3),
    ("13800000005", "/points", 5),
    # The grid worker's home adds the cases waiting for them (the villager's six include the
    # weather strip and pinned tips, one statement for both).
    ("13800000004", "/", 8),
    ("13800000002", "/", 8),
])
def test_pages_stay_within_their_statements(login, statements, phone, url, most):
    browser = login(phone)
    assert _count(statements, browser, url) <= most, statements


def test_a_page_view_that_wrote_nothing_is_not_committed_and_does_not_read_the_person_again(login, statements):
    villager = login("13800000005")
    _count(statements, villager, "/offline")
    assert sum(" FROM user " in s or ' FROM "user" ' in s for s in statements) == 1, statements
