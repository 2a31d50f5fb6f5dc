pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The base of every tappable target: acts on release, not press; holding long is still a tap
// (no long press); the TapGuard drops a repeated activation. Forgiving: the hit area reaches half
// a gap beyond the target on every side (so a press or lift in the gap next to it counts). In a
// Flickable, a touch may wander up to the theme's slop and still be a tap, beyond that the
// Flickable scrolls; a target that cannot scroll takes any wander that stays in its hit area.
Rectangle {
    id: tappable

    required property Theme theme
    required property TapGuard guard
    readonly property bool kioskTarget: true  // tests find every target by this
    readonly property bool down: tap.pressed
    readonly property bool scrolls: inFlickable(parent)
    property string accessibleName: ""

    signal activated()

    function activate() {
        if (tappable.guard.accept(tappable.objectName))
            tappable.activated()
    }
    function inFlickable(item) {
        for (let p = item; p; p = p.parent)
            if (p instanceof Flickable)
                return true
        return false
    }

    Accessible.role: Accessible.Button
    Accessible.name: tappable.accessibleName
    Accessible.onPressAction: tappable.activate()

    TapHandler {
        id: tap
        margin: tappable.theme.sizes.spacing / 2
        gesturePolicy: tappable.scrolls ? TapHandler.DragThreshold : TapHandler.WithinBounds
        dragThreshold: tappable.theme.sizes.slop
        longPressThreshold: 0
        onTapped: tappable.activate()
    }
}
