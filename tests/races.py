"""Many requests at once against one rule, each in a thread with its own session."""
import threading

from webapp.extensions import db
from webapp.service import ServiceError
from webapp.transaction import edge


def race(app, count, attempt):
    """Run `attempt(i)` in `count` threads at once, each with its own session; returns the
    ServiceError messages and the number that got through."""
    db.session.rollback()  # the test's own session holds no transaction during the race
    start, results = threading.Barrier(count), []

    def run(i):
        with app.app_context():
            start.wait()
            try:
                edge(attempt)(i)  # each thread is a request of its own: it commits when done
                results.append("ok")
            except ServiceError as error:
                results.append(str(error.message))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.rollback()  # and reads what the race committed
    return results
