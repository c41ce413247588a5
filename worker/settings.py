"""RQ worker settings (`rq worker -c worker.settings`). Importing it builds the Flask app once
in the worker's main process, so each job's forked process starts with it ready instead of
building it again (the app holds no database connection yet, so forking it is safe)."""
import os

from worker.jobs import warm_up

if os.environ.get("CUNLI_WARM_WORKER", "1") == "1":
    warm_up()
