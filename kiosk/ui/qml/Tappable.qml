pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The base of every tappable target: acts on release, not press; holding long is still a tap
// (no long press); the TapGuard drops a repeated activation. Forgiving: the hit area reaches half
// a gap beyond the target on every side (so a press or lift in the gap next to it counts). In a
// Flickable, a touch may wander up to the theme's slop and still be a tap, beyond that the
// Flickable scrolls; a target that cannot scroll takes any wander that stays in its hit area.
// The keypad path (kiosk/patient/keypad.py): every target is in Qt's focus chain, Enter acts as a
// tap does (through the same guard), and the focused target shows a thick ring and scrolls into
// view (FocusRing.qml, one per window, moves into it).
Rectangle {
    id: tappable

    required property Theme theme
    required property TapGuard guard
    readonly property bool kioskTarget: true  // tests find every target by this
    readonly property bool down: tap.pressed
    readonly property bool scrolls: inFlickable(parent)
    property string accessibleName: ""
    // What the keypad says when the target gets the focus: shown strings, each spoken by its
    // narration clip, one after another (a name composed of several has no clip of its own).
    property list<string> spokenParts: [tappable.accessibleName]

    signal activated()

    function activate() {
        if (tappable.guard.accept(tappable.objectName))
            tappable.activated()
    }
    function inFlickable(item) {
        return tappable.flickableOf(item) !== null
    }
    function flickableOf(item) {
        for (let p = item; p; p = p.parent)
            if (p instanceof Flickable)
                return p
        return null
    }
    // Shows all of the target (its top, when it is taller than the view) with some room around.
    function reveal() {
        const flick = tappable.flickableOf(tappable.parent)
        if (!flick)
            return
        const top = tappable.mapToItem(flick.contentItem, 0, 0).y - tappable.theme.sizes.spacing
        const bottom = top + tappable.height + 2 * tappable.theme.sizes.spacing
        const end = Math.max(0, flick.contentHeight - flick.height)
        let y = flick.contentY
        if (top < y || bottom - top > flick.height)
            y = top
        else if (bottom > y + flick.height)
            y = bottom - flick.height
        else
            return
        // Within a margin of either end: all the way (no "More below" for an empty strip).
        const margin = tappable.theme.sizes.margin
        flick.contentY = y < margin ? 0 : y > end - margin ? end : Math.min(y, end)
    }

    activeFocusOnTab: true
    onActiveFocusChanged: if (activeFocus) tappable.reveal()
    Keys.onPressed: event => {
        if (event.key !== Qt.Key_Return && event.key !== Qt.Key_Enter && event.key !== Qt.Key_Space)
            return
        event.accepted = true
        if (!event.isAutoRepeat)
            tappable.activate()
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
