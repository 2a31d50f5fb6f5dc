import QtQuick

// Staff mode, above everything: the PIN pad, then (after the right PIN) the staff panel.
// kiosk/staff_ui/panel.py holds the state; this only shows it.
Item {
    id: staffMode

    required property QtObject controller
    required property QtObject theme

    objectName: "staffMode"

    Loader {
        anchors.fill: parent
        sourceComponent: staffMode.controller.mode === "panel" ? panelView : pinPad
    }

    Component {
        id: pinPad
        StaffPinPad {
            controller: staffMode.controller
            theme: staffMode.theme
        }
    }
    Component {
        id: panelView
        StaffPanel {
            controller: staffMode.controller
            theme: staffMode.theme
        }
    }
}
