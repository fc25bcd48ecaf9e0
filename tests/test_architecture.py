"""The shape of the code as docs/architecture.md draws it: imports run one way, modules and views
stay small, and a permission check only ever reads.

The source is read with ``ast``, so an import inside a function counts as much as one at the top.
"""

import ast
import datetime as dt
import inspect
import itertools
import re
import typing
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.tokens import digest_token
from councils.models import Invitation
from missions.models import ShareLink
from tests import factories

ROOT = Path(__file__).resolve().parent.parent

# Left to right: an app imports only the apps to its left.
DOMAIN_APPS = ("opportunities", "missions", "negotiation", "councils", "accounts")
# Project-level plumbing: every app may import it, and it imports no app.
PLUMBING = ("config", "inplace", "documents")
# Built on every app (the demo account, the benchmark, backups): no app or plumbing imports them.
OUTER = ("ops", "demo", "bench")
PACKAGES = DOMAIN_APPS + PLUMBING + OUTER
# These two wire the apps together, so they may name them; nothing else in config may.
WIRING_MODULES = frozenset({"config.urls", "config.settings"})

MAX_MODULE_LINES = 500
MAX_VIEW_LINES = 30


@dataclass(frozen=True)
class Import:
    path: Path  # relative to the project root
    line: int
    importer: str  # the importing module, dotted
    module: str  # the imported module, dotted and absolute
    names: tuple[str, ...]  # for ``from module import names``

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def source_files() -> list[Path]:
    """Every module of our packages, migrations and tests left out."""
    files = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if not {"migrations", "tests"} & set(relative.parts):
                files.append(relative)
    return files


def module_name(path: Path) -> str:
    parts = list(path.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def parse(path: Path) -> ast.Module:
    return ast.parse((ROOT / path).read_text(), filename=str(path))


def imports_in(path: Path) -> list[Import]:
    """Every import statement of a module, wherever it stands, relative ones made absolute."""
    importer = module_name(path)
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    found = []
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Import):
            found += [Import(path, node.lineno, importer, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = parts[: len(parts) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names = tuple(alias.name for alias in node.names)
            found.append(Import(path, node.lineno, importer, module, names))
    return found


def all_imports() -> list[Import]:
    return [found for path in source_files() for found in imports_in(path)]


def top(module: str) -> str:
    return module.partition(".")[0]


def refusal(found: Import) -> str | None:
    """Why this import breaks the one-way arrows, or None when it may stand."""
    importer, imported = top(found.importer), top(found.module)
    if importer == imported or imported not in PACKAGES or found.importer in WIRING_MODULES:
        return None
    if imported in OUTER and importer not in OUTER:
        return f"{importer} imports {imported}, which is built on the apps: nothing imports it"
    if importer in PLUMBING and imported in DOMAIN_APPS:
        return f"{importer} is project-level plumbing and imports no domain app ({imported})"
    to_the_right = (
        importer in DOMAIN_APPS and imported in DOMAIN_APPS[DOMAIN_APPS.index(importer) + 1 :]
    )
    if to_the_right:
        return f"{importer} imports {imported}, which stands to its right"
    return None


def node_of(module: str) -> str:
    """A cycle is between packages; the wiring modules stand apart, as the apps' entry point."""
    return module if module in WIRING_MODULES else top(module)


def cycles(imports: list[Import]) -> list[list[str]]:
    """The groups of packages that import each other, directly or round about."""
    edges: dict[str, set[str]] = {}
    for found in imports:
        source, target = node_of(found.importer), node_of(found.module)
        if source != target and top(target) in PACKAGES:
            edges.setdefault(source, set()).add(target)

    def reachable(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for target in edges.get(todo.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    reach = {node: reachable(node) for node in edges}
    groups = {
        frozenset({node} | {other for other in reach[node] if node in reach.get(other, ())})
        for node in edges
        if node in reach[node]
    }
    return sorted(sorted(group) for group in groups)


def view_functions(path: Path) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Functions of <app>/views.py or <app>/views/*.py whose first argument is the request."""
    parts = path.parts
    is_view_module = parts[1:] == ("views.py",) or (len(parts) == 3 and parts[1] == "views")
    if not is_view_module:
        return []
    views = []
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            positional = [*node.args.posonlyargs, *node.args.args]
            if positional and positional[0].arg == "request":
                views.append(node)
    return views


class TestImportDirection:
    def test_every_package_has_a_place_in_the_arrows(self):
        unplaced = sorted(
            path.parent.name
            for path in ROOT.glob("*/__init__.py")
            if path.parent.name not in PACKAGES and path.parent.name != "tests"
        )
        assert not unplaced, f"Place these packages in tests/test_architecture.py: {unplaced}"

    def test_reads_the_modules_of_every_app(self):
        read = {top(module_name(path)) for path in source_files()}
        assert set(DOMAIN_APPS) | set(PLUMBING) <= read

    def test_no_app_imports_one_to_its_right_and_plumbing_imports_no_app(self):
        broken = [f"{found.where}: {why}" for found in all_imports() if (why := refusal(found))]
        assert not broken, "Imports against the arrows:\n" + "\n".join(sorted(set(broken)))

    def test_no_packages_import_each_other(self):
        imports = all_imports()
        found = []
        for group in cycles(imports):
            edges = sorted(
                {
                    f"{node_of(i.importer)} -> {node_of(i.module)} at {i.where}"
                    for i in imports
                    if node_of(i.importer) in group
                    and node_of(i.module) in group
                    and node_of(i.importer) != node_of(i.module)
                }
            )
            found.append(f"{' <-> '.join(group)}:\n  " + "\n  ".join(edges))
        assert not found, "Import cycles:\n" + "\n".join(found)


class TestSize:
    def test_no_module_is_over_500_lines(self):
        lengths = {path: len((ROOT / path).read_text().splitlines()) for path in source_files()}
        long = [f"{path}: {n} lines" for path, n in lengths.items() if n > MAX_MODULE_LINES]
        assert not long, f"Modules over {MAX_MODULE_LINES} lines (split them):\n" + "\n".join(long)

    def test_no_view_is_over_30_lines(self):
        long = [
            f"{path}:{view.lineno} {view.name}: {view.end_lineno - view.lineno + 1} lines"
            for path in source_files()
            for view in view_functions(path)
            if view.end_lineno - view.lineno + 1 > MAX_VIEW_LINES
        ]
        assert not long, f"Views over {MAX_VIEW_LINES} lines, counted from `def`:\n" + "\n".join(
            long
        )


# Permission checks: found by name in every <app>/permissions.py, called for every persona.

CHECK_NAME = re.compile(r"get_\w+_for|get_\w+_by_token|get_live_\w+")
WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
SHARE_TOKEN = "s" * 43
INVITATION_TOKEN = "i" * 43
ACCEPTED_INVITATION_TOKEN = "a" * 43
UNKNOWN_TOKEN = "u" * 43


def permission_modules() -> list[Path]:
    return sorted(
        path.relative_to(ROOT)
        for path in ROOT.glob("*/permissions.py")
        if path.parent.name != "tests"
    )


def permission_checks() -> list:
    checks = []
    for path in permission_modules():
        module = import_module(module_name(path))
        checks += [
            function
            for name, function in inspect.getmembers(module, inspect.isfunction)
            if function.__module__ == module.__name__ and CHECK_NAME.fullmatch(name)
        ]
    return checks


def service_imported(found: Import) -> str | None:
    """The services module an import brings in (``x.services`` or ``from x import services``)."""
    if found.module.rpartition(".")[2] == "services":
        return found.module
    return f"{found.module}.services" if "services" in found.names else None


def check_id(check) -> str:
    return f"{check.__module__}.{check.__name__}"


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class PermissionWorld:
    """An owner with one of everything, shared with their council; an owner whose opportunity
    has no mission or plan yet; the council's member; a stranger. Built here from the factories
    alone, so that every check meets every row it can load."""

    def __init__(self, owner, stranger):
        member = factories.UserFactory(email="permission-member@example.com")
        self.bare_owner = factories.UserFactory(email="bare-owner@example.com")
        self.personas = [owner, self.bare_owner, member, stranger]
        mission = factories.MissionFactory(opportunity__owner=owner)
        opportunity = mission.opportunity
        objective = factories.ObjectiveFactory(mission=mission)
        person = factories.PersonFactory(opportunity=opportunity)
        interview = factories.InterviewFactory(opportunity=opportunity)
        interview.people.add(person)
        plan = factories.NegotiationPlanFactory(opportunity=opportunity)
        council = factories.CouncilFactory(owner=owner)
        debrief = factories.DebriefFactory(owner=owner, opportunity=opportunity)
        mission_share = factories.ShareFactory(council=council, mission=mission)
        rows = [
            factories.OpportunityFactory(owner=self.bare_owner),
            factories.FocusFactory(owner=owner),
            factories.KeyResultFactory(objective=objective),
            factories.QuestionFactory(mission=mission, objective=objective),
            factories.SuccessAskFactory(plan=plan, objective=objective),
            factories.RedFlagFactory(plan=plan),
            factories.ConversationFactory(plan=plan),
            factories.MoneyAskFactory(plan=plan),
            factories.OfferFactory(opportunity=opportunity),
            factories.MembershipFactory(council=council, user=member),
            factories.ShareFactory(council=council, mission=None, plan=plan),
            factories.ShareFactory(council=council, mission=None, debrief=debrief),
            factories.CommentFactory(share=mission_share, author=member),
            factories.GratitudeEntryFactory(owner=owner),
            ShareLink.objects.create(
                mission=mission, token_digest=digest_token(SHARE_TOKEN), token_salt="-"
            ),
            *(
                Invitation.objects.create(
                    council=council,
                    email=email,
                    invited_by=owner,
                    token_digest=digest_token(token),
                    expires_at=timezone.now() + dt.timedelta(days=7),
                    accepted_at=timezone.now() if accepted_by else None,
                    accepted_by=accepted_by,
                )
                for email, token, accepted_by in [
                    ("invitee@example.com", INVITATION_TOKEN, None),
                    (member.email, ACCEPTED_INVITATION_TOKEN, member),
                ]
            ),
            *(mission, opportunity, objective, person, interview, plan, council, debrief),
            mission_share,
        ]
        self.instances: dict[type, list] = {}
        for row in rows:
            self.instances.setdefault(type(row), []).append(row)

    def pks(self, model_name: str) -> list[int] | None:
        for model, instances in self.instances.items():
            if snake(model.__name__) == model_name:
                return [instance.pk for instance in instances]
        return None


# Checks whose arguments their signature does not name: a link's token (and, for invitations,
# the visitor who has not signed in yet).
EXPLICIT_ARGUMENTS = {
    "missions.permissions.get_live_share_link": {
        "token": lambda world: [SHARE_TOKEN, UNKNOWN_TOKEN],
    },
    "councils.permissions.get_invitation_by_token": {
        "user": lambda world: [*world.personas, AnonymousUser()],
        "token": lambda world: [INVITATION_TOKEN, ACCEPTED_INVITATION_TOKEN, UNKNOWN_TOKEN],
    },
}


def returned_model_name(check) -> str | None:
    returned = typing.get_type_hints(check).get("return")
    if typing.get_origin(returned) is tuple:
        returned = typing.get_args(returned)[0]
    if isinstance(returned, type) and issubclass(returned, models.Model):
        return snake(returned.__name__)
    return None


def calls_of(check, world: PermissionWorld) -> list[dict]:
    """Every combination of persona, ids and flags to call ``check`` with; raises LookupError
    naming the parameters that neither the signature nor EXPLICIT_ARGUMENTS can fill."""
    explicit = EXPLICIT_ARGUMENTS.get(check_id(check), {})
    choices, missing = {}, []
    for name, parameter in inspect.signature(check).parameters.items():
        values = None
        if name in explicit:
            values = explicit[name](world)
        elif name == "user":
            values = world.personas
        elif name == "pk" and (model_name := returned_model_name(check)):
            values = world.pks(model_name)
        elif name.endswith("_pk"):
            values = world.pks(name.removesuffix("_pk"))
        elif isinstance(parameter.default, bool):
            values = [parameter.default, not parameter.default]
        elif parameter.default is not inspect.Parameter.empty:
            continue
        if not values:
            missing.append(name)
        choices[name] = values
    if missing:
        raise LookupError(
            f"{check_id(check)}: no value for {missing}; add it to EXPLICIT_ARGUMENTS"
        )
    return [
        dict(zip(choices, combination, strict=True))
        for combination in itertools.product(*choices.values())
    ]


@pytest.fixture
def permission_world(owner, stranger) -> PermissionWorld:
    return PermissionWorld(owner, stranger)


class TestPermissionChecks:
    def test_finds_checks_in_every_permissions_module(self):
        found = {check.__module__ for check in permission_checks()}
        assert found == {module_name(path) for path in permission_modules()}
        assert {f"{app}.permissions" for app in ("opportunities", "missions")} <= found
        stale = set(EXPLICIT_ARGUMENTS) - {check_id(check) for check in permission_checks()}
        assert not stale, f"EXPLICIT_ARGUMENTS names checks that are gone: {sorted(stale)}"

    @pytest.mark.parametrize("check", permission_checks(), ids=check_id)
    def test_never_writes(self, check, permission_world):
        try:
            calls = calls_of(check, permission_world)
        except LookupError as error:
            pytest.fail(str(error), pytrace=False)
        writes, outcomes = [], set()
        for arguments in calls:
            with CaptureQueriesContext(connection) as queries:
                try:
                    check(**arguments)
                    outcomes.add("returned")
                except (Http404, PermissionDenied):
                    outcomes.add("refused")
            writes += [
                f"{arguments}: {query['sql'][:160]}"
                for query in queries.captured_queries
                if WRITE.match(query["sql"])
            ]
        assert not writes, f"{check_id(check)} wrote:\n" + "\n".join(writes)
        # Both ways through the check were taken, or the world misses a row it can load.
        assert outcomes == {"returned", "refused"}, f"{check_id(check)} only {outcomes}"

    def test_no_permissions_module_imports_a_service(self):
        found = [
            f"{i.where}: imports {service}"
            for path in permission_modules()
            for i in imports_in(path)
            if (service := service_imported(i))
        ]
        assert not found, "A permission check only reads; services write:\n" + "\n".join(found)
