"""Local news, safety tips and the weather: reading them, and the cadres' and township's forms."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import media
from ..auth import may_pin_tips, may_publish_news, news_regions, require
from ..htmx import render
from ..regions.queries import region_by_id
from ..submit import ButtonForm, press, submit
from . import bp, services
from .forms import NewsForm, WeatherForm
from .queries import news_by_id, news_for


@bp.route("/circle/news")
@login_required
def news():
    village = current_user.village or abort(404)
    regions = [village.id, *village.ancestor_ids]
    return render("circle/news.html", items=news_for(regions), village=village,
                  publish_here=news_regions(current_user), weather_form=WeatherForm(formdata=None))


@bp.route("/circle/news/<int:news_id>")
@login_required
def news_item(news_id):
    found = news_by_id(news_id) or abort(404)
    return render("circle/news_item.html", item=found, form=ButtonForm(), may_unpin=found.pinned and may_pin_tips(
        current_user, found.region))


@bp.route("/circle/news/<int:news_id>/photo")
@login_required
def news_photo(news_id):
    found = news_by_id(news_id) or abort(404)
    return media.send_stored(found.photo_path)


def _region():
    region = region_by_id(request.args.get("region")) or (news_regions(current_user) or [None])[0]
    if region is None:
        abort(403)
    return region


def _form_page(region, form=None):
    return render("circle/news_form.html", region=region, form=form or NewsForm(formdata=None),
                  may_pin=may_pin_tips(current_user, region))


@bp.route("/circle/news/new", methods=["GET", "POST"])
@login_required
def new_news():
    region = _region()
    require(may_publish_news(current_user, region) or may_pin_tips(current_user, region))
    if request.method == "GET":
        return _form_page(region)
    return submit(NewsForm(), lambda f, photo: services.publish_news(current_user, region, f.title.data, f.text.data,
                                                                     photo, f.tip_kind.data, f.pinned.data),
                  done=_("已发布。"), then=lambda n: url_for("circle.news_item", news_id=n.id),
                  again=lambda f: _form_page(region, f),
                  prepare=lambda _f: media.prepare_photo(request.files.get("photo"), "circle", "photo"))


@bp.route("/circle/news/<int:news_id>/unpin", methods=["POST"])
@login_required
def unpin(news_id):
    found = news_by_id(news_id) or abort(404)
    require(may_pin_tips(current_user, found.region))
    return press(lambda: services.unpin(current_user, found), done=_("已取消置顶。"),
                 then=lambda _r: url_for("circle.news_item", news_id=found.id))


@bp.route("/circle/weather", methods=["POST"])
@login_required
def weather():
    region = _region()
    require(may_publish_news(current_user, region))
    return submit(WeatherForm(), lambda f: services.enter_weather(current_user, region, f.text.data),
                  done=_("天气已更新，村民首页上能看到。"), then=lambda _w: url_for("circle.news"),
                  again=lambda f: render("circle/news.html", items=[], village=current_user.village,
                                         publish_here=news_regions(current_user), weather_form=f))
