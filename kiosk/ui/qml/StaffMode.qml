pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Staff mode, above everything: the PIN pad, then (after the right PIN) the staff panel.
// kiosk/staff_ui/panel.py (the navigator) and one controller per part hold the state; this
// only shows it.
Item {
    id: staffMode

    required property StaffNavigator controller
    required property Theme theme

    objectName: "staffMode"

    Loader {
        anchors.fill: parent
        sourceComponent: staffMode.controller.mode === "panel" ? panelView : pinPad
    }

    Component {
        id: pinPad
        StaffPinPad {
            pad: staffMode.controller.pinPad
            guard: staffMode.controller.guard
            theme: staffMode.theme
        }
    }
    Component {
        id: panelView
        StaffPanel {
            navigator: staffMode.controller
            theme: staffMode.theme
        }
    }
}
