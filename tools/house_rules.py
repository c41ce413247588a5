"""The rules of the house that a linter can check (`make lint`), each with the file and line
that breaks it:

1. One commit place: `db.session.commit()` only in webapp/transaction.py.
2. Thin views: a view function (a route) is at most 15 lines, its signature included.
3. Permissions in one place: nobody outside webapp/auth/ reads a person's roles, except the
   read models named below that turn the same rules into SQL for lists.
"""
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_VIEW_LINES = 15
# Read models that select lists by role in SQL (the route walk tests them against auth's answers)
# and the code that keeps roles themselves.
ROLE_READERS = {"webapp/auth", "webapp/roles.py", "webapp/accounts/models.py", "webapp/accounts/imports.py",
                "webapp/accounts/services.py", "webapp/accounts/queries.py", "webapp/cases/queries.py",
                "webapp/cases/recipients.py", "webapp/disclosures/queries.py"}


def python_files():
    return sorted(p for p in (ROOT / "webapp").rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def commits_outside_the_one_place(path: Path, tree) -> list[str]:
    if _relative(path) == "webapp/transaction.py":
        return []
    return [f"{_relative(path)}:{node.lineno}: commits outside webapp/transaction.py"
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit"
            and ast.unparse(node.func.value) in ("db.session", "session")]


def _is_route(function) -> bool:
    return any(isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr == "route"
               for d in function.decorator_list)


def long_views(path: Path, tree) -> list[str]:
    return [f"{_relative(path)}:{node.lineno}: view {node.name}() is {node.end_lineno - node.lineno + 1} lines"
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and _is_route(node)
            and node.end_lineno - node.lineno + 1 > MAX_VIEW_LINES]


def roles_read_outside_auth(path: Path, tree) -> list[str]:
    where = _relative(path)
    if any(where == allowed or where.startswith(allowed + "/") for allowed in ROLE_READERS):
        return []
    return [f"{where}:{node.lineno}: reads someone's roles outside webapp/auth ({ast.unparse(node)})"
            for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "memberships"]


def main() -> int:
    problems = []
    for path in python_files():
        tree = ast.parse(path.read_text(), str(path))
        for rule in (commits_outside_the_one_place, long_views, roles_read_outside_auth):
            problems += rule(path, tree)
    for problem in problems:
        print(problem)
    print(f"house rules: {len(problems)} problem(s) in {len(python_files())} files")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
