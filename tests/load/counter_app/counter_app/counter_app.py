"""A counter: the smallest Reflex page with a state and an event, the baseline for `make load`."""

import reflex as rx


class CounterState(rx.State):
    count: int = 0

    @rx.event
    def increment(self):
        self.count += 1


def index() -> rx.Component:
    return rx.hstack(rx.text(CounterState.count), rx.button("+1", on_click=CounterState.increment))


app = rx.App()
app.add_page(index, route="/")
