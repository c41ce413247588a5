"""Care visits' reminders and escalations (webapp/care/sweep.py): each once per due date,
whatever reruns."""
from . import in_app


@in_app
def sweep_care_visits() -> int:
    from webapp.care.sweep import sweep_care

    return sweep_care()
