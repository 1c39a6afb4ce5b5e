"""What a solver returns: the answer and the steps that led to it (for `explain`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from examgrade.i18n import Message


@dataclass(frozen=True)
class Solution:
    """`value` is compared with the student's answer; `steps` are shown by `explain`."""

    value: Any
    steps: tuple[Message, ...] = ()
