"""Which section (科室) owns each project: settle_owners decides it only where it is certain, by the
sections' amounts and duties; everything else stays unassigned (未分配科室)."""

from __future__ import annotations

from spending.document.results import RULE_AMOUNTS, RULE_DUTIES, RULE_GIVEN, Document, Project, Section
from spending.document.text import key

DUTY_MATCH_CHARS = 4          # a shared run of this many characters names the work (综合治税, 代理记账)
MAX_SEARCH = 200_000   # steps of the subset-sum search; beyond it the amounts settle nothing
MAX_SETTLE = 10 * MAX_SEARCH   # steps of all the searches of one settle_owners


class _Solutions:
    """What the ways found say: how many there are, and each project's sections over them (None:
    outside the sections with amounts). Kept per project, not per way: a way costs no memory."""

    def __init__(self, codes: list[str]):
        self.count = 0
        self.owners: dict[str, set] = {c: set() for c in codes}

    def __bool__(self) -> bool:
        return self.count > 0

    def of(self, code: str) -> set:
        """The project's sections over every way (a project without an amount is outside in each)."""
        return self.owners[code] if code in self.owners else ({None} if self.count else set())


def _amount_solutions(projects: list[Project], sections: list[Section], fixed: dict[str, str],
                      budget: list[int] | None = None) -> _Solutions | None:
    """Every assignment of the projects to sections with amounts such that each such section's
    projects add up exactly to its amount (a project may stay outside them, None). Projects in
    `fixed` keep their section. None when the search is too large to be sure (more than MAX_SEARCH
    steps, or than what is left of `budget`, shared by the searches of one settle_owners).
    Depth first without recursion (a text may have thousands of projects)."""
    targets = {s.name: int(s.amount_wan * 1_000_000) for s in sections if s.amount_wan is not None}
    items = [p for p in projects if p.amount_wan is not None]
    found = _Solutions([p.code for p in items])
    if not targets:
        return found
    amounts = [int(p.amount_wan * 1_000_000) for p in items if p.amount_wan is not None]   # (every one: items)
    remaining = dict(targets)
    left = sum(remaining.values())               # sum(remaining.values()), kept as it changes
    choice: list[str | None] = []
    steps = min(MAX_SEARCH, budget[0]) if budget is not None else MAX_SEARCH
    suffix = [0] * (len(items) + 1)
    for i in range(len(items) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + amounts[i]
    n = len(items)

    def options(i: int) -> list:
        p = items[i]
        return [fixed[p.code]] if p.code in fixed else [*targets, None]

    def visit(i: int) -> bool:
        """A node: True when its options are to be tried (the counting as the recursion did)."""
        nonlocal steps
        steps -= 1
        if steps < 0:
            raise _TooLarge
        if left > suffix[i]:
            return False                                 # the rest cannot fill the sections
        if i == n:
            if all(v == 0 for v in remaining.values()):
                steps -= n                               # recording a way costs its length
                found.count += 1
                for p, name in zip(items, choice):
                    found.owners[p.code].add(name)
            return False
        return True

    # each frame: [depth, its options, the next option's index, the amount taken by the choice made]
    stack: list[list] = []
    try:
        if visit(0):
            stack.append([0, options(0), 0, None])
        while stack:
            frame = stack[-1]
            i, opts = frame[0], frame[1]
            if frame[3] is not None or len(choice) > i:  # undo the choice made at this depth
                name = choice.pop()
                if frame[3] is not None:
                    assert name is not None             # (an amount is taken by a section only)
                    remaining[name] += frame[3]
                    left += frame[3]
                    frame[3] = None
            while frame[2] < len(opts):
                name = opts[frame[2]]
                frame[2] += 1
                if name is not None and name in targets:
                    if remaining[name] < amounts[i]:
                        continue
                    remaining[name] -= amounts[i]
                    left -= amounts[i]
                    frame[3] = amounts[i]
                choice.append(name)                      # a section without an amount, or None: nothing taken
                if visit(i + 1):
                    stack.append([i + 1, options(i + 1), 0, None])
                break
            else:
                stack.pop()
    except _TooLarge:
        return None
    finally:
        if budget is not None:
            budget[0] -= (min(MAX_SEARCH, budget[0]) - max(steps, 0))
    return found


class _TooLarge(Exception):
    pass


def _named_by(projects: list[Project], sections: list[Section]) -> dict[str, list[str]]:
    """For each project, the sections whose duties name its work (share a run of DUTY_MATCH_CHARS
    characters with its name; a shorter name appears whole), in the sections' order. Through an index of the duties' runs of DUTY_MATCH_CHARS characters, built once: every
    pair tried with `in` was (projects × sections × name length) searches of the duties."""
    duties = [(s.name, key(s.duties)) for s in sections if s.duties]
    run = DUTY_MATCH_CHARS
    grams: dict[str, list[int]] = {}
    for j, (_, d) in enumerate(duties):
        for gram in {d[i:i + run] for i in range(len(d) - run + 1)}:
            grams.setdefault(gram, []).append(j)
    interned: dict[frozenset, frozenset] = {}
    index = {gram: interned.setdefault(found, found) for gram, found in ((g, frozenset(js)) for g, js in grams.items())}
    named = {}
    for p in projects:
        name = key(p.name)
        if len(name) < run:                            # a name shorter than that must appear whole
            named[p.code] = [n for n, d in duties if name in d]
            continue
        found = {id(f): f for f in map(index.get, {name[i:i + run] for i in range(len(name) - run + 1)}) if f}
        hit = frozenset().union(*found.values())       # the same sections: one set, merged once
        named[p.code] = [duties[j][0] for j in sorted(hit)]
    return named


def settle_owners(doc: Document, given: dict[str, str] | None = None) -> None:
    """Decide each project's section where it is certain, and record the rule that decided it:

    1. given: `--section CODE=科室` (the person's word) first;
    2. amounts: over every way of giving the projects to the sections with an amount so that each
       such section's projects add up exactly to its amount, the project is in the same section
       in every way (and there is at least one way);
    3. duties: of the sections the amounts still allow (all sections when no way exists), exactly
       one has duties sharing a run of 4 characters with the project's name (综合治税, 代理记账);
       then rule 2 is applied again with that choice fixed.
    Anything else stays unassigned (未分配科室). Nothing is guessed.
    """
    given = given or {}
    known = {s.name for s in doc.sections}
    for p in doc.projects:
        p.section, p.rule = None, None
        if p.code in given:
            p.section, p.rule = given[p.code], RULE_GIVEN
    fixed = {p.code: p.section for p in doc.projects if p.section}
    budget = [MAX_SETTLE]
    # the sections whose duties name each project's work: the same in every round, found once
    named_by = _named_by([p for p in doc.projects if p.section is None], doc.sections)

    def apply_amounts(rule_fixed: dict[str, str]) -> _Solutions | None:
        solutions = _amount_solutions(doc.projects, doc.sections, rule_fixed, budget)
        if solutions:
            for p in doc.projects:
                if p.section is None and p.amount_wan is not None:
                    owners = set(solutions.of(p.code))
                    if len(owners) == 1 and None not in owners:
                        p.section, p.rule = owners.pop(), RULE_AMOUNTS
        return solutions

    solutions = apply_amounts(fixed)
    changed = True
    while changed:
        changed = False
        for p in doc.projects:
            if p.section is not None:
                continue
            if solutions:
                owners = solutions.of(p.code)
                candidates = owners - {None}
                if None in owners:
                    candidates |= {s.name for s in doc.sections if s.amount_wan is None}
            else:
                candidates = known
            named = [name for name in named_by[p.code] if name in candidates]
            if len(named) == 1:
                p.section, p.rule = named[0], RULE_DUTIES
                changed = True
        if changed:
            fixed = {p.code: p.section for p in doc.projects if p.section}
            solutions = apply_amounts(fixed)
