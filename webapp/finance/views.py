"""Published accounts for villagers; the ledger, import and publishing for the village cadres."""
from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import media
from ..auth import may_keep_accounts, may_see_receipt, readable_village, require, require_reader
from ..htmx import render
from ..page_cache import cached_page
from ..submit import press, submit
from . import bp, services
from .forms import ImportForm, LineForm, PeriodForm, RegisterForm
from .models import REGISTERS
from .queries import (
    category_charts,
    is_published,
    line_by_id,
    lines_of,
    period_by_id,
    periods_of,
    register_of,
    totals,
)


def _village():
    return readable_village(request.values.get("village"), current_user)


def _kept_village():
    village = _village()
    require(may_keep_accounts(current_user, village))
    return village


@bp.route("/finance")
@cached_page
@login_required
def index():
    village = _village()
    return render("finance/index.html", village=village, periods=periods_of(village.id),
                  registers=REGISTERS, may_keep=may_keep_accounts(current_user, village))


def _period(period_id):
    period = period_by_id(period_id) or abort(404)
    require_reader(current_user, period.village)
    lines = lines_of(period)
    sums = totals(lines)
    return dict(period=period, lines=lines, sums=sums, charts=category_charts(sums))


@bp.route("/finance/<int:period_id>")
@login_required
def period(period_id):
    return render("finance/period.html", **_period(period_id))


@bp.route("/finance/<int:period_id>/print")
@login_required
def print_period(period_id):
    return render("finance/print.html", **_period(period_id))


@bp.route("/finance/registers/<any(asset, resource):register>")
@login_required
def register(register):
    village = _village()
    return render("finance/register.html", village=village, register=register,
                  label=REGISTERS[register], items=register_of(village.id, register))


def _manage_page(village, **forms):
    return render("finance/manage.html", village=village,
                  line_form=forms.get("line") or LineForm(formdata=None),
                  import_form=forms.get("upload") or ImportForm(formdata=None),
                  period_form=forms.get("period") or PeriodForm(formdata=None),
                  register_form=forms.get("register") or RegisterForm(formdata=None))


def _to_manage(village):
    return lambda _result: url_for("finance.manage", village=village.id)


@bp.route("/finance/manage")
@login_required
def manage():
    return _manage_page(_kept_village())


@bp.route("/finance/lines", methods=["POST"])
@login_required
def add_line():
    village = _kept_village()
    return submit(LineForm(), lambda f, receipt: services.add_line(
        current_user, village, kind=f.kind.data, category=f.category.data, amount=f.amount.data,
        occurred_on=f.occurred_on.data, counterpart=f.counterpart.data, summary=f.summary.data, receipt=receipt),
        done=_("已记一笔。"), then=_to_manage(village), again=lambda f: _manage_page(village, line=f),
        prepare=lambda _f: services.prepare_receipt(request.files.get("receipt")))


@bp.route("/finance/periods", methods=["POST"])
@login_required
def publish_period():
    village = _kept_village()
    return submit(PeriodForm(), lambda f: services.publish_period(current_user, village, f.year.data, f.span.data,
                                                                  f.number.data),
                  done=_("已公开。"), then=_to_manage(village), again=lambda f: _manage_page(village, period=f))


@bp.route("/finance/registers", methods=["POST"])
@login_required
def add_register_item():
    village = _kept_village()
    return submit(RegisterForm(), lambda f: services.add_register_item(
        current_user, village, register=f.register.data, name=f.name.data, category=f.category.data,
        quantity=f.quantity.data, value=f.value.data, location=f.location.data),
        done=_("已登记。"), then=_to_manage(village), again=lambda f: _manage_page(village, register=f))


@bp.route("/finance/import", methods=["POST"])
@login_required
def preview_import():
    """Reads the file and holds it for confirmation; writes nothing, so answers the preview
    page itself (200 when every row is good, 422 naming each bad row)."""
    village = _kept_village()
    form = ImportForm()
    if not form.validate_on_submit():
        return _manage_page(village, upload=form), 422
    file = request.files["file"]
    token, preview = services.preview_import(current_user, village, file.read(), file.filename or "")
    return render("finance/preview.html", village=village, token=token, preview=preview,
                  status=200 if preview.ok else 422)


@bp.route("/finance/import/<token>", methods=["POST"])
@login_required
def confirm_import(token):
    village = _kept_village()
    return press(lambda: services.confirm_import(current_user, village, token), then=_to_manage(village),
                 done=lambda count: _("已导入 %(n)s 笔。", n=count))


@bp.route("/finance/lines/<int:line_id>/receipt")
@login_required
def receipt(line_id):
    line = line_by_id(line_id) or abort(404)
    require(may_see_receipt(current_user, line.village, is_published(line)))
    return media.send_stored_photo(line.receipt_path)
