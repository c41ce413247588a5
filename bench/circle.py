"""The village circle at county scale: a million posts across the county's 363 villages (made
directly in the table, as the sweep bench makes its cases), then each feed — my village, my
township, the people I follow — as twenty sampled villagers open it: p95 in-process and the
compressed weight of the heaviest page."""
import random
import re
import time
from datetime import timedelta

from sqlalchemy import func, insert, select

from webapp.accounts.models import User
from webapp.circle.models import Follow, Post
from webapp.database import utcnow
from webapp.extensions import db
from webapp.regions.models import Region
from webapp.transaction import commit

from .county import _login
from .report import figure, p95

POSTS = 1_000_000
TEXTS = ["今天去镇上赶集，人真多。", "自家种的橘子熟了，需要的联系我。", "招两个采茶工，包吃住。", "村口的桥修好了，谢谢大家！",
         "谁家的小狗走丢了？在祠堂门口。", "晚上广场舞照常，七点半。"]
CATEGORIES = ["life", "life", "products", "jobs", "help", "other"]


def add_posts(county: Region, n: int) -> int:
    rng = random.Random(5)
    authors = db.session.execute(
        select(User.village_id, func.min(User.id), func.max(User.id)).join(Region, Region.id == User.village_id)
        .where(Region.path.startswith(county.path)).group_by(User.village_id)).all()
    now = utcnow()
    made, chunk = 0, 20_000
    while made < n:
        rows = []
        for _ in range(min(chunk, n - made)):
            village_id, low, high = rng.choice(authors)
            k = rng.randrange(len(TEXTS))
            rows.append(dict(author_id=rng.randint(low, high), village_id=village_id, category=CATEGORIES[k],
                             text=TEXTS[k], photos=[], video_path="", video_mime="", poster_path="", price="", unit="",
                             how_to_buy="", status="published", like_count=rng.randint(0, 20),
                             comment_count=rng.randint(0, 5), created_at=now - timedelta(minutes=n - made)))
        db.session.execute(insert(Post), rows)
        commit()
        made += len(rows)
    return made


def run(app, label: str) -> None:
    with app.app_context():
        county = db.session.scalar(select(Region).where(Region.level == "county").order_by(Region.id.desc()))
        started = time.perf_counter()
        made = add_posts(county, POSTS)
        print(f"  {label}: {made} posts made in {time.perf_counter() - started:.0f} s")
        rng = random.Random(9)
        villages = rng.sample(list(db.session.scalars(select(Region.id).where(
            Region.path.startswith(county.path), Region.level == "village"))), 20)
        readers = [db.session.scalar(select(User).where(User.village_id == v).order_by(User.id)) for v in villages]
        from webapp.accounts.services import hash_password

        for reader in readers:
            reader.password_hash = hash_password("x")
            reader.verified_at = reader.verified_at or utcnow()
            # Each follows five people of other villages, as someone far from home would.
            for other in rng.sample(villages, 5):
                followed = db.session.scalar(select(User.id).where(User.village_id == other).order_by(User.id.desc()))
                db.session.add(Follow(follower_id=reader.id, followee_id=followed))
        phones = [r.phone for r in readers]
        commit()
    times, sizes = {"village": [], "township": [], "follows": []}, []
    for phone in phones:
        client = app.test_client()
        _login(client, phone)
        for scope in times:
            url = "/circle" if scope == "village" else f"/circle?scope={scope}"
            for _ in range(5):
                started = time.perf_counter()
                response = client.get(url, headers={"Accept-Encoding": "br"})
                times[scope].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            sizes.append(len(response.data))
    for scope, samples in times.items():
        figure(f"circle_feed_{scope}_p95_1m_posts_{label}", round(p95(samples), 1), "ms", "<=", 50)
    figure(f"circle_pages_max_compressed_{label}", round(max(sizes) / 1024, 2), "KB", "<=", 14)
    photos(app, phones[0], label)


def photos(app, phone: str, label: str) -> None:
    """Four posts of three camera-sized photos each at the top of a reader's feed: the feed's
    thumbnails below its first two posts load lazily, and no picture served is over 640 px."""
    from io import BytesIO

    from PIL import Image
    from werkzeug.datastructures import FileStorage

    from webapp.accounts.queries import user_by_phone
    from webapp.circle import services

    def camera_photo(n):
        buffer = BytesIO()
        Image.new("RGB", (4000, 3000), (40 * n, 120, 90)).save(buffer, "JPEG", quality=90)
        buffer.seek(0)
        return FileStorage(buffer, filename=f"IMG_{n}.jpg", content_type="image/jpeg")

    with app.app_context(), app.test_request_context():
        author = user_by_phone(phone)
        for n in range(4):
            prepared = services.prepare_post_media([camera_photo(k) for k in range(3)], None, None)
            last = services.create_post(author, "life", f"相册{n}", prepared)
            commit()
        post_id = last.id
    client = app.test_client()
    _login(client, phone)
    feed = client.get("/circle").get_data(as_text=True)
    post = client.get(f"/circle/posts/{post_id}").get_data(as_text=True)
    assert "相册3" in feed and "相册3" in post, "the reader did not see the new posts"
    cards = [part for part in feed.split('<article') if "<img" in part and "/circle/posts/" in part]
    eager_below = sum(card.count("<img") - card.count('loading="lazy"') for card in cards[2:])
    figure(f"circle_feed_eager_images_below_first_two_posts_{label}", eager_below, "count", "<=", 0)
    sources = set(re.findall(r'<img src="(/circle/posts/[^"]+)"', feed + post))
    sides = [max(Image.open(BytesIO(client.get(src).data)).size) for src in sources]
    figure(f"circle_photo_max_side_served_{label}", max(sides), "px", "<=", 640)
