"""Draws of representatives: the village's list, starting one, its public page with each
witness's and the cadre's steps, its record as JSON and the standalone verifier."""
from flask import abort, current_app, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth import (
    authorised,
    may_run_deliberation,
    may_run_draw,
    may_view_draw,
    may_view_draws_of,
    require,
)
from ..htmx import render
from ..regions.queries import region_by_id
from ..service import ServiceError
from ..submit import press, submit
from . import bp, sortition
from .forms import CommitForm, DrawForm, NumberForm, RevealForm
from .queries import draw_by_id, draws_of, people_named, verified_villagers
from .services import draws as services
from .services.draws import published

VERIFIER = "verify_draw.py"


def draw_for(draw_id, may=may_view_draw):
    return authorised(draw_by_id(draw_id), may)


def _village_from_args():
    village = region_by_id(request.args.get("village")) or current_user.village
    if village is None or village.level != "village":
        abort(404)
    return village


@bp.route("/draws")
@login_required
def index():
    village = _village_from_args()
    require(may_view_draws_of(current_user, village))
    return render("deliberation/draws.html", village=village, draws=draws_of(village.id),
                  may_run=may_run_deliberation(current_user, village))


def _new_form(village, form=None):
    form = form or DrawForm(formdata=None)
    choices = [(0, _("请选择"))] + [(p.id, p.name) for p in verified_villagers(village.id)]
    for name in ("witness_1", "witness_2", "witness_3"):
        getattr(form, name).choices = choices
    return form


@bp.route("/draws/new")
@login_required
def new():
    village = current_user.village
    require(may_run_deliberation(current_user, village))
    return render("deliberation/draw_new.html", form=_new_form(village), village=village)


@bp.route("/draws", methods=["POST"])
@login_required
def start():
    village = current_user.village
    require(may_run_deliberation(current_user, village))
    form = _new_form(village, DrawForm())
    people = {p.id: p for p in verified_villagers(village.id)}

    def start_it(f):
        chosen = [(people.get(getattr(f, f"witness_{n}").data), getattr(f, f"role_{n}").data) for n in (1, 2, 3)]
        if any(person is None for person, _role in chosen):
            raise ServiceError(_("请选好三位见证人。"), "witness_1")
        return services.start_draw(current_user, village, f.title.data, f.seats.data, chosen)

    return submit(form, start_it, done=_("已发起抽签：请三位见证人各自提交承诺。"),
                  then=lambda draw: url_for("deliberation.show", draw_id=draw.id),
                  again=lambda f: render("deliberation/draw_new.html", form=f, village=village))


def _draw_page(draw, commit_form=None, reveal_form=None, number_form=None):
    mine = next((w for w in draw.witnesses if w.user_id == current_user.id), None)
    record = published(draw)
    refs = [e["ref"] for e in record.get("roster", [])]
    return render("deliberation/draw.html", draw=draw, record=record, mine=mine, names=people_named(refs),
                  may_run=may_run_deliberation(current_user, draw.village),
                  commit_form=commit_form or CommitForm(formdata=None),
                  reveal_form=reveal_form or RevealForm(formdata=None),
                  number_form=number_form or NumberForm(formdata=None), min_secret=sortition.MIN_SECRET_LENGTH)


@bp.route("/draws/<int:draw_id>")
@login_required
def show(draw_id):
    return _draw_page(draw_for(draw_id))


@bp.route("/draws/<int:draw_id>.json")
@login_required
def record(draw_id):
    response = published(draw_for(draw_id))
    return response, 200, {"Content-Disposition": f'attachment; filename="draw-{draw_id}.json"'}


@bp.route("/draws/verify_draw.py")
@login_required
def verifier():
    return send_file(f"{current_app.static_folder}/{VERIFIER}", mimetype="text/x-python", as_attachment=True,
                     download_name=VERIFIER)


def _my_witness(draw):
    witness = next((w for w in draw.witnesses if w.user_id == current_user.id), None)
    require(witness is not None)
    return witness


@bp.route("/draws/<int:draw_id>/commit", methods=["POST"])
@login_required
def commit(draw_id):
    draw = draw_for(draw_id)
    witness = _my_witness(draw)
    return submit(CommitForm(), lambda f: services.commit_from_form(current_user, witness, f.commitment.data or "",
                                                                     f.secret.data or ""),
                  done=_("承诺已公开。请记好你的密语，名册冻结后要再输一次。"),
                  then=lambda _r: url_for("deliberation.show", draw_id=draw.id),
                  again=lambda f: _draw_page(draw, commit_form=f))


@bp.route("/draws/<int:draw_id>/reveal", methods=["POST"])
@login_required
def reveal(draw_id):
    draw = draw_for(draw_id)
    witness = _my_witness(draw)
    return submit(RevealForm(), lambda f: services.reveal(current_user, witness, f.secret.data),
                  done=_("密语已公开。"), then=lambda _r: url_for("deliberation.show", draw_id=draw.id),
                  again=lambda f: _draw_page(draw, reveal_form=f))


@bp.route("/draws/<int:draw_id>/number", methods=["POST"])
@login_required
def public_number(draw_id):
    draw = draw_for(draw_id, may_run_draw)
    return submit(NumberForm(), lambda f: services.set_public_number(current_user, draw, f.number.data),
                  done=_("已填写公开随机数。"), then=lambda _r: url_for("deliberation.show", draw_id=draw.id),
                  again=lambda f: _draw_page(draw, number_form=f))


@bp.route("/draws/<int:draw_id>/<any(freeze, draw):step>", methods=["POST"])
@login_required
def cadre_step(draw_id, step):
    draw = draw_for(draw_id, may_run_draw)
    service = services.freeze if step == "freeze" else services.make_draw
    done = _("名册已冻结，哈希已公开。请见证人公开密语。") if step == "freeze" else _("抽签完成，结果已公开。")
    return press(lambda: service(current_user, draw), done=done,
                 then=lambda _r: url_for("deliberation.show", draw_id=draw.id))
