"""What Python backends need to be typed in QML (module "Kiosk", checked by scripts/qmllint).

A backend class is registered with `@QmlElement` (or `@QmlNamedElement("Name")` when a QML file
has its class's name) and `@QmlUncreatable("made by the app")`, in a module that sets
`QML_IMPORT_NAME = "Kiosk"` and `QML_IMPORT_MAJOR_VERSION = 1`. A property that hands QML another
backend is typed with that backend's class, so that qmllint checks what QML reads through it;
Python reads such a property as an attribute (`panel.jobs`): `QObject.property("jobs")` cannot
convert a registered Python class back (PySide 6.12).

`Property(QVariantMap, ...)` instead of `Property(dict, ...)`: scripts/qmllint reads property
types from the source (pyside6-metaobjectdump), where `dict` and `list` are unknown C++ types but
these names are Qt's own; PySide takes the same strings at run time.

Every method of an app object that a signal is connected to is a `@Slot`. Connected to a plain
method, PySide gives that one object a metaobject of its own with the method added, and frees it
with the object. QML caches what it knows of a type by the metaobject's address: a later backend
whose metaobject lands at that address is then read with the old object's cache, and QML finds
its properties, methods or signals missing ("Property 'pressDigit' of object PinPad is not a
function"). tests/conftest.py fails any test after which an app object has such a metaobject.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtQml import QmlElement

QVariantMap: Any = "QVariantMap"  # Any: PySide's stubs only know classes as property types
QVariantList: Any = "QVariantList"

T = TypeVar("T")

if TYPE_CHECKING:
    # PySide's stubs declare these two decorators as classes that cannot be called.
    def QmlNamedElement(name: str) -> Callable[[T], T]: ...
    def QmlUncreatable(reason: str) -> Callable[[T], T]: ...
else:
    from PySide6.QtQml import QmlNamedElement, QmlUncreatable

__all__ = ["QVariantList", "QVariantMap", "QmlElement", "QmlNamedElement", "QmlUncreatable"]
