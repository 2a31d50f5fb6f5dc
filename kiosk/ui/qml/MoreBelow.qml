pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The cue under a list that scrolls: "More below" with an arrow while anything is below the
// fold; a tap scrolls on by most of a screen. It keeps its room while the content is taller than
// the space (so the list never changes size under the finger) and takes none when all of it fits.
// Not on the keypad path: there the list scrolls with the focus, and the cue would vanish as the
// focus reached the end of the list on its way to it.
Item {
    id: cue

    required property Theme theme
    required property TapGuard guard
    required property Flickable flick
    required property real available  // the height the list has without the cue
    property string text: ""

    readonly property bool overflows: flick.contentHeight > available + 1
    readonly property bool more: flick.contentY + flick.height < flick.contentHeight - 1

    height: overflows ? button.implicitHeight + theme.sizes.gap : 0

    KioskButton {
        id: button
        objectName: cue.objectName + "Button"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        visible: cue.overflows && cue.more
        theme: cue.theme
        guard: cue.guard
        activeFocusOnTab: false
        iconName: "down"
        iconAfter: true
        text: cue.text
        fontSize: cue.theme.sizes.label
        onActivated: {
            const end = cue.flick.contentHeight - cue.flick.height
            cue.flick.contentY = Math.min(end, cue.flick.contentY + cue.flick.height * 0.8)
        }
    }
}
