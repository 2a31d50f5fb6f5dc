import QtQuick
import Kiosk

// The keypad's focus ring: a thick dark band with a light line inside it, drawn inside the
// focused target's edge, so no Flickable's clip cuts it and nothing moves when it shows. One per
// window, moved into the target that has the focus (a ring inside every target cost two
// Rectangles per control, built with every page).
Rectangle {
    id: ring

    required property Theme theme
    property Tappable target: null  // the focused target, or none

    objectName: "focusRing"
    parent: target
    visible: target !== null && target.activeFocus
    anchors.fill: parent
    z: 100
    radius: target ? target.radius : 0
    color: "transparent"
    border.width: theme.sizes.focusRing
    border.color: theme.colors.focus

    Rectangle {
        anchors.fill: parent
        anchors.margins: parent.border.width
        radius: Math.max(0, ring.radius - ring.border.width)
        color: "transparent"
        border.width: ring.theme.sizes.focusRingInner
        border.color: ring.theme.colors.focusInner
    }
}
