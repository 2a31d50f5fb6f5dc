"""The patient app's Python side: QObjects that hold state for the QML views.

It imports nothing of the staff UI (an import-linter contract)."""
