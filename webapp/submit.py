"""The one shape of a view that writes.

A POST view loads and authorises its object in one call (`case_for(case_id, may=…)`), then
hands the rest to `submit` (a form with fields) or `press` (a button). They validate, prepare
uploads outside the write transaction, call the service, and answer 303 to the object — or
show the form again, 422, with the service's message beside its field. A refusal rolls back
whatever the service had flushed. (Indico's request handlers: load, check access, process.)
"""
from collections.abc import Callable

from flask import abort, flash, redirect
from flask_wtf import FlaskForm

from .service import ServiceError, show_on_form
from .transaction import begin_write, release_write_lock, rollback


class ButtonForm(FlaskForm):
    """A button: only the CSRF token."""


def refused(response):
    """The page again, as a refusal: htmx swaps it in place, a test can tell it from a page."""
    response.status_code = 422
    return response


def submit(form: FlaskForm, service: Callable, *, then: Callable, again: Callable, done=None,
           prepare: Callable | None = None):
    """Validate `form`; call `service(form)` (or `service(form, prepared)` when `prepare(form)`
    readies uploads first); 303 to `then(result)` with `done` flashed, or `again(form)` with 422
    and the message beside its field."""
    if not form.validate_on_submit():
        return refused(again(form))
    try:
        if prepare is None:
            result = service(form)
        else:
            release_write_lock()  # decoding photos must not hold every other writer
            prepared = prepare(form)
            begin_write()
            result = service(form, prepared)
    except ServiceError as error:
        rollback()
        show_on_form(form, error)
        return refused(again(form))
    _say_done(done, result)
    return redirect(then(result), 303)


def _say_done(done, result) -> None:
    """`done` is the message, or makes it from the result (已添加：第三村民小组)."""
    if done:
        flash(str(done(result) if callable(done) else done), "success")


def press(service: Callable, *, then: Callable, done=None, back: str | None = None):
    """A button: call `service()`; 303 to `then(result)`. A refusal has no field to stand
    beside, so it is flashed on the page the person came from (`back`, default `then(None)`)."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        result = service()
    except ServiceError as error:
        rollback()
        flash(error.message, "error")
        return redirect(back or then(None), 303)
    _say_done(done, result)
    return redirect(then(result), 303)
