pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// "Are you still there?": a countdown of at least 20 s and one large button that extends the
// session, as often as needed. The dimmed screen behind it takes no input.
Item {
    id: dialog

    required property AppState appState
    required property Theme theme
    required property TapGuard guard
    required property IdleMonitor idle

    readonly property var ui: appState.ui

    objectName: "idleDialog"
    visible: idle.warningVisible

    Rectangle {
        anchors.fill: parent
        color: dialog.theme.colors.scrim

        // The MouseArea stops touches on the scrim; the TapHandler takes the grab of touches
        // that the button only watches (its passive grab), which would otherwise also reach
        // the tiles under the dialog and open a page behind it.
        MouseArea {
            anchors.fill: parent
            acceptedButtons: Qt.AllButtons
        }
        TapHandler {
            gesturePolicy: TapHandler.WithinBounds
        }
    }

    Rectangle {
        id: card
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * dialog.theme.sizes.margin, dialog.theme.sizes.dialogWidth)
        height: column.implicitHeight + 2 * dialog.theme.sizes.margin
        radius: dialog.theme.sizes.radius * 1.5
        color: dialog.theme.colors.dialog
        border.width: dialog.theme.sizes.dialogBorder
        border.color: dialog.theme.colors.border

        Column {
            id: column
            x: dialog.theme.sizes.margin
            y: dialog.theme.sizes.margin
            width: parent.width - 2 * dialog.theme.sizes.margin
            spacing: dialog.theme.sizes.margin

            Text {
                textFormat: Text.PlainText
                objectName: "stillThereTitle"
                width: parent.width
                text: dialog.ui.still_there
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                color: dialog.theme.colors.heading
                font.pixelSize: dialog.theme.sizes.title
                font.bold: true
            }
            Text {
                textFormat: Text.PlainText
                objectName: "countdown"
                width: parent.width
                text: dialog.ui.resetting_in.replace("{seconds}", dialog.idle.secondsLeft)
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                color: dialog.theme.colors.text
                font.pixelSize: dialog.theme.sizes.heading
            }
            KioskButton {
                objectName: "stillHereButton"
                anchors.horizontalCenter: parent.horizontalCenter
                theme: dialog.theme
                guard: dialog.guard
                primary: true
                text: dialog.ui.still_here
                fontSize: dialog.theme.sizes.heading
                iconName: "next"
                iconAfter: true
                maxTextWidth: column.width - 4 * dialog.theme.sizes.pad - dialog.theme.sizes.heading
                width: Math.min(column.width, Math.max(implicitWidth, column.width * 0.7))
                height: implicitHeight + dialog.theme.sizes.pad * 2
                onActivated: dialog.idle.extend()
            }
        }
    }
}
