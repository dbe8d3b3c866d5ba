"""Everything the main window offers beyond its core panels, installed in one place.

Each feature module adds its own menus, docks and shortcuts through `install(window)`,
so the main window stays a composition of panels and this list says what is on.
"""

from __future__ import annotations


def install_all(window, server) -> None:
    from facilitator.ui import i18n, network_check, prepare
    from facilitator.ui.run import features as run_features
    from facilitator.ui.wall import features as wall_features

    wall_features.install(window)  # clusters, merge, search, results, actions
    run_features.install(window, server)  # timer, overview, projector
    network_check.install(window)  # test QR code before the session
    prepare.install(window)  # workshop editor, new/open, export dialog
    i18n.install(window)  # Beeld > Taal
    _help_menu_last(window)


def _help_menu_last(window) -> None:
    """Help belongs at the right end of the menu bar, whatever was added after it."""
    bar = window.menuBar()
    for action in bar.actions():
        if action.menu() is not None and action.text() == window.tr("&Help"):
            bar.removeAction(action)
            bar.addAction(action)
            return
