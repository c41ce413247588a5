"""Published accounts for villagers; the ledger, import and publishing for the village cadres."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import may_keep_accounts, readable_village, require, require_reader
from ..htmx import render
from ..regions.queries import region_by_id
from ..service import ServiceError, show_on_form
from . import bp, services
from .forms import ImportForm, LineForm, PeriodForm, RegisterForm
from .models import REGISTERS
from .queries import lines_of, period_by_id, periods_of, register_of, totals


def _village():
    return readable_village(request.values.get("village"), current_user)


@bp.route("/finance")
@login_required
def index():
    village = _village()
    return render("finance/index.html", village=village, periods=periods_of(village.id),
                  registers=REGISTERS, may_keep=may_keep_accounts(current_user, village))


def _period(period_id):
    period = period_by_id(period_id) or abort(404)
    require_reader(current_user, period.village)
    lines = lines_of(period)
    return period, lines, totals(lines)


@bp.route("/finance/<int:period_id>")
@login_required
def period(period_id):
    period, lines, sums = _period(period_id)
    return render("finance/period.html", period=period, lines=lines, sums=sums)


@bp.route("/finance/<int:period_id>/print")
@login_required
def print_period(period_id):
    period, lines, sums = _period(period_id)
    return render("finance/print.html", period=period, lines=lines, sums=sums)


@bp.route("/finance/registers/<any(asset, resource):register>")
@login_required
def register(register):
    village = _village()
    return render("finance/register.html", village=village, register=register,
                  label=REGISTERS[register], items=register_of(village.id, register))


def _manage_page(village, status=200, **forms):
    return render("finance/manage.html", village=village, status=status,
                  line_form=forms.get("line") or LineForm(formdata=None),
                  import_form=forms.get("upload") or ImportForm(formdata=None),
                  period_form=forms.get("period") or PeriodForm(formdata=None),
                  register_form=forms.get("register") or RegisterForm(formdata=None))


def _kept_village():
    village = _village()
    require(may_keep_accounts(current_user, village))
    return village


@bp.route("/finance/manage")
@login_required
def manage():
    return _manage_page(_kept_village())


def _attempt(village, slot, form, action, done):
    if form.validate_on_submit():
        try:
            action(form)
            flash(done, "success")
            return redirect(url_for("finance.manage", village=village.id), 303)
        except ServiceError as error:
            show_on_form(form, error)
    return _manage_page(village, 422, **{slot: form})


@bp.route("/finance/lines", methods=["POST"])
@login_required
def add_line():
    village = _kept_village()
    return _attempt(village, "line", LineForm(), lambda f: services.add_line(
        current_user, village, kind=f.kind.data, category=f.category.data, amount=f.amount.data,
        occurred_on=f.occurred_on.data, counterpart=f.counterpart.data, summary=f.summary.data,
        receipt=request.files.get("receipt")), _("已记一笔。"))


@bp.route("/finance/periods", methods=["POST"])
@login_required
def publish_period():
    village = _kept_village()
    return _attempt(village, "period", PeriodForm(), lambda f: services.publish_period(
        current_user, village, f.year.data, f.span.data, f.number.data), _("已公开。"))


@bp.route("/finance/registers", methods=["POST"])
@login_required
def add_register_item():
    village = _kept_village()
    return _attempt(village, "register", RegisterForm(), lambda f: services.add_register_item(
        current_user, village, register=f.register.data, name=f.name.data, category=f.category.data,
        quantity=f.quantity.data, value=f.value.data, location=f.location.data), _("已登记。"))


@bp.route("/finance/import", methods=["POST"])
@login_required
def preview_import():
    village = _kept_village()
    form = ImportForm()
    if not form.validate_on_submit():
        return _manage_page(village, 422, upload=form)
    file = request.files["file"]
    token, preview = services.preview_import(current_user, village, file.read(), file.filename or "")
    return render("finance/preview.html", village=village, token=token, preview=preview,
                  status=200 if preview.ok else 422)


@bp.route("/finance/import/<token>", methods=["POST"])
@login_required
def confirm_import(token):
    village = _kept_village()
    try:
        count = services.confirm_import(current_user, village, token)
        flash(_("已导入 %(n)s 笔。", n=count), "success")
    except ServiceError as error:
        flash(str(error.message), "error")
    return redirect(url_for("finance.manage", village=village.id), 303)


@bp.route("/finance/lines/<int:line_id>/receipt")
@login_required
def receipt(line_id):
    """A receipt is seen by whoever may read the village's accounts once its period is
    published, and by the cadres who keep them before that."""
    from ..cases import media
    from ..extensions import db
    from .models import FinancePeriod, LedgerLine

    line = db.session.get(LedgerLine, line_id) or abort(404)
    village = region_by_id(line.village_id)
    require_reader(current_user, village)
    published = any(p.first_day <= line.occurred_on < p.end_day for p in db.session.scalars(
        db.select(FinancePeriod).where(FinancePeriod.village_id == village.id)))
    require(published or may_keep_accounts(current_user, village))
    return media.send_stored_photo(line.receipt_path)
