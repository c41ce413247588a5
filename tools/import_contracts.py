"""Two contracts for import-linter that its built-in types do not state (`make lint`).

- acyclic_modules: no module imports, directly or through others, a module that imports it
  back — the cycles the house had (notifications.services ↔ worker.jobs, auth ↔
  accounts.queries). Function-level imports count: they are cycles too, only hidden.
- views_stay_home: an area's views are imported by the app factory and by the area itself,
  never by another area (areas talk through services and signals).
"""
from importlinter import Contract, ContractCheck, fields, output


def _strongly_connected(graph) -> list[list[str]]:
    """Tarjan's algorithm over the module graph; the components of more than one module."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]

    def visit(module):
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    import sys

    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    def check(self, graph, verbose: bool) -> ContractCheck:
        cycles = _strongly_connected(graph)
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error("Modules importing each other: " + " → ".join(cycle), bold=True)
            output.new_line()


class ViewsStayHomeContract(Contract):
    type_name = "views_stay_home"
    root = fields.StringField()

    def check(self, graph, verbose: bool) -> ContractCheck:
        root = str(self.root)
        wrong = []
        for module in sorted(graph.modules):
            parts = module.split(".")
            if len(parts) < 3 or parts[0] != root or parts[2] != "views":
                continue
            area = ".".join(parts[:2])
            for importer in sorted(graph.find_modules_that_directly_import(module)):
                if importer != root and importer != area and not importer.startswith(area + "."):
                    wrong.append((importer, module))
        return ContractCheck(kept=not wrong, metadata={"wrong": wrong})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, module in check.metadata["wrong"]:
            output.print_error(f"{importer} imports another area's views: {module}")
            output.new_line()
