"""Typing straight onto the wall: a cluster's name or a note's text edited in place, over
the item, instead of in a dialog that hides the wall the facilitator is looking at.

Plain-text widgets only (QLineEdit, QPlainTextEdit): what is typed is stored as typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QLineEdit, QPlainTextEdit, QWidget


class InlineEditor(QObject):
    """One editor at a time over a wall item.

    Signals:
        finished(object): the text typed (str), or None when cancelled with Esc.
    """

    finished = Signal(object)

    def __init__(self, view: QGraphicsView, item: QGraphicsItem, rect: QRectF, text: str,
                 *, multiline: bool, on_done: Callable[[str | None], None]) -> None:
        super().__init__(view)
        self._done = False
        editor: QWidget
        if multiline:
            editor = QPlainTextEdit(view.viewport())
            editor.setPlainText(text)
            editor.selectAll()
        else:
            editor = QLineEdit(view.viewport())
            editor.setText(text)
            editor.selectAll()
            editor.returnPressed.connect(self.commit)
        self.widget = editor
        scale = view.transform().m11()
        font = QFont(editor.font())
        font.setPointSizeF(max(9.0, min(22.0, (14 if multiline else 15) * scale)))
        editor.setFont(font)
        area = view.mapFromScene(item.mapToScene(rect)).boundingRect()
        editor.setGeometry(area.adjusted(-2, -2, 2, 2 if multiline else 8))
        editor.installEventFilter(self)
        self.finished.connect(on_done)
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        w = self.widget
        return w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()

    def set_text(self, text: str) -> None:
        w = self.widget
        w.setPlainText(text) if isinstance(w, QPlainTextEdit) else w.setText(text)

    def commit(self) -> None:
        self._finish(self.text())

    def cancel(self) -> None:
        self._finish(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget:
            if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                if event.key() == Qt.Key.Key_Escape:
                    self.cancel()
                    return True
                if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                        and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
                    self.commit()
                    return True
            elif event.type() == QEvent.Type.FocusOut:
                self.commit()
        return super().eventFilter(watched, event)

    def _finish(self, text: str | None) -> None:
        if self._done:
            return
        self._done = True
        self.widget.removeEventFilter(self)
        view = self.parent()
        if self.widget.hasFocus() and isinstance(view, QWidget):
            view.setFocus(Qt.FocusReason.OtherFocusReason)  # the keyboard stays on the wall
        self.widget.hide()
        self.widget.deleteLater()
        self.finished.emit(text)
        self.deleteLater()
