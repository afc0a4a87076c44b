"""Parsed signature types, shared by the per-language driver generators."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sandbox.spec import Signature, validate_type

NODE_TYPES = ("ListNode", "TreeNode")


@dataclass(frozen=True)
class TypeRef:
    """A signature type split into its element type and array depth.

    ``int[][]`` is ``TypeRef("int", 2)``; ``TreeNode`` is ``TypeRef("TreeNode", 0)``.
    """

    base: str
    dims: int

    @property
    def is_node(self) -> bool:
        return self.dims == 0 and self.base in NODE_TYPES

    def element(self) -> TypeRef:
        """The type one array level down (``int[][]`` -> ``int[]``)."""
        if self.dims == 0:
            raise ValueError(f"{self} is not an array")
        return TypeRef(self.base, self.dims - 1)

    def __str__(self) -> str:
        return self.base + "[]" * self.dims


def parse_type(name: str) -> TypeRef:
    """Parse a type of the signature grammar (``sandbox.spec``)."""
    validate_type(name)
    base = name.replace("[]", "")
    return TypeRef(base, (len(name) - len(base)) // 2)


def param_types(sig: Signature) -> list[TypeRef]:
    return [parse_type(p.type) for p in sig.params]


def output_type(sig: Signature) -> TypeRef:
    return parse_type(sig.output_type())


def inplace_index(sig: Signature) -> int:
    """Index of the in-place parameter for a ``void`` signature, else -1."""
    if sig.returns != "void":
        return -1
    for i, p in enumerate(sig.params):
        if p.name == sig.inplace:
            return i
    raise ValueError(f"signature {sig.function}: void return needs `inplace` naming a param")


def uses_type(sig: Signature, base: str) -> bool:
    """True when any parameter or the output has element type ``base``."""
    return any(t.base == base for t in [*param_types(sig), output_type(sig)])


def signature_json(sig: Signature) -> str:
    """The compact JSON form embedded into dynamic-language drivers.

    ``{"function": "twoSum", "params": ["int[]", "int"], "output": "int[]", "inplace": -1}``
    """
    return json.dumps(
        {
            "function": sig.function,
            "params": [p.type for p in sig.params],
            "output": sig.output_type(),
            "inplace": inplace_index(sig),
        },
        separators=(",", ":"),
    )
