"""What the time walk knows at each point: the loops around it, the function it is in, where
variables were declared, and what it has recorded so far (amortised work, container growth)."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach_engine.judge.static import ir
from coach_engine.judge.static.cost import ONE, Cost, Term, describe, power_label
from coach_engine.judge.static.recursion import RecInfo
from coach_engine.judge.static.scope import Program
from coach_engine.judge.static.scoping import display_name
from coach_engine.judge.static.values import INT

ZERO = Term()


@dataclass
class Frame:
    loop: ir.Loop
    trips: Term
    space: Cost
    worklist: str | None = None
    aliases: set[str] = field(default_factory=set)
    level_of: Frame | None = None
    amortised: bool = False


@dataclass
class Growth:
    """A place where a container grows: `size` elements in total at `line`."""

    var: str
    line: int
    size: Cost
    note: str


class WalkState:
    def __init__(self, prog: Program) -> None:
        self.prog = prog
        self.env = prog.env
        self.frames: list[Frame] = []
        self.funcs: list[ir.FuncDef] = []
        self.decl: dict[str, int] = {}
        self.amortised: list[Term] = []
        self.cache: dict[int, tuple[Term, Term | None]] = {}
        self.growth: list[Growth] = []
        self.depths: list[Term] = []
        self.rec_mult: Cost = ONE
        self.rec_depth: Cost = ONE
        self.rec_info: RecInfo | None = None
        self.comp_sizes: dict[int, Cost] = {}
        self.once: list[Term] = []

    # -- helpers shared by the walk ------------------------------------------------------------

    def show(self, c: Cost) -> str:
        parts = []
        for name, e in c.dims:
            base = name.rstrip("[]")
            depth = (len(name) - len(base)) // 2
            val = self.env.get(base)
            shown = display_name(base)
            if depth:
                label = f"len({shown}{'[0]' * depth})"
            elif val.kind == INT:
                label = shown
            else:
                label = f"len({shown})"
            parts.append(power_label(label, e))
        if c.exp:
            return "2^n"
        if c.log:
            parts.append("log n")
        return "·".join(parts) if parts else describe(c)

    def enclosing(self) -> list[Frame]:
        return [f for f in self.frames if not f.trips.cost.constant]

    def nest(self) -> str:
        outer = self.enclosing()
        return f", nested in the loop at line {outer[-1].loop.line}" if outer else ""

    def worklists(self) -> list[Frame]:
        return [f for f in self.frames if f.worklist]

    def tree_input(self) -> bool:
        return any(self.env.get(p.name).kind in ("tree", "linked") for p in self.prog.entry.params)

    def bound_value(self, name: str) -> ir.Expr | None:
        """The value `name` is assigned in the function being analysed, when it is assigned once."""
        fn = self.funcs[-1] if self.funcs else self.prog.entry
        values = [
            s.value
            for s in ir.walk_stmts(fn.body)
            if isinstance(s, ir.Assign)
            and s.value is not None
            and len(s.targets) == 1
            and isinstance(s.targets[0], ir.Name)
            and s.targets[0].id == name
        ]
        return values[0] if len(values) == 1 else None
