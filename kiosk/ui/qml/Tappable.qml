import QtQuick

// The base of every tappable target: acts on release, not press; a touch may wander up to the
// theme's slop (24 px at 1080p) and still be a tap, beyond that the Flickable around it scrolls;
// holding long is still a tap (no long press); the TapGuard drops a repeated activation.
Rectangle {
    id: tappable

    required property QtObject theme
    required property QtObject guard
    readonly property bool kioskTarget: true  // tests find every target by this
    readonly property bool down: tap.pressed
    property string accessibleName: ""

    signal activated()

    function activate() {
        if (tappable.guard.accept(tappable.objectName))
            tappable.activated()
    }

    Accessible.role: Accessible.Button
    Accessible.name: tappable.accessibleName
    Accessible.onPressAction: tappable.activate()

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.DragThreshold
        dragThreshold: tappable.theme.sizes.slop
        longPressThreshold: 0
        onTapped: tappable.activate()
    }
}
