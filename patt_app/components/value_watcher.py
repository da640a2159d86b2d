"""A tiny invisible component: runs an event whenever a state value changes in the browser.

Used for live updates: the guild-wide availability pulse (a shared state) changes, and each
open scheduling view asks the server to redraw its own heatmap. No polling."""

from __future__ import annotations

from reflex_base.components.component import field
from reflex_base.event import EventHandler, passthrough_event_spec
from reflex_base.utils.imports import ImportVar
from reflex_base.vars.base import LiteralVar, Var, VarData
from reflex_components_core.base.fragment import Fragment


class ValueWatcher(Fragment):
    """Calls `on_value(value)` on mount and every time the integer `value` changes."""

    value: Var[int] = field(doc="The value to watch.")
    on_value: EventHandler[passthrough_event_spec(int)] = field(doc="Called with the new value.")

    def _exclude_props(self) -> list[str]:
        return [*super()._exclude_props(), "value", "on_value"]

    def add_imports(self) -> dict[str, ImportVar]:
        return {"react": ImportVar(tag="useEffect")}

    def add_hooks(self) -> list[str | Var[str]]:
        handler = self.event_triggers.get("on_value")
        if handler is None:
            return []
        call = f"{LiteralVar.create(handler)!s}({self.value!s})"
        return [
            Var(
                f"useEffect(() => {{ {call}; }}, [{self.value!s}]);",
                _var_type=str,
                _var_data=VarData.merge(self.value._get_all_var_data()),
            )
        ]


value_watcher = ValueWatcher.create
