pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The staff PIN pad: digits 0-9, Erase, OK and Cancel, no system keyboard. Dots show how many
// digits are typed, never which: the digits themselves stay in Python.
Item {
    id: root

    required property PinPad pad
    required property TapGuard guard
    required property Theme theme

    readonly property real gap: theme.sizes.spacing
    readonly property real keyHeight: Math.max(theme.sizes.target, theme.sizes.staffKey)
    readonly property real keyWidth: Math.round(keyHeight * 1.4)
    readonly property real margin: theme.sizes.margin
    readonly property real labelSize: theme.sizes.staffPinLabel
    readonly property bool keysOn: !pad.locked && !pad.checking

    objectName: "staffPinPad"

    Rectangle {
        anchors.fill: parent
        color: root.theme.colors.scrim

        // Nothing below takes a touch while the pad is up. The MouseArea stops touches on the
        // scrim; the TapHandler takes the grab of touches that a key only watches (its passive
        // grab), which would otherwise reach the patient app's TapHandlers below as well.
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
        width: keys.width + 2 * root.margin
        height: column.implicitHeight + 2 * root.margin
        radius: root.theme.sizes.radius * 1.5
        color: root.theme.colors.dialog
        border.width: root.theme.sizes.dialogBorder
        border.color: root.theme.colors.border

        Column {
            id: column
            x: root.margin
            y: root.margin
            width: keys.width
            spacing: root.gap

            StaffText {
                objectName: "staffPinTitle"
                width: parent.width
                theme: root.theme
                size: "title"
                text: root.pad.texts.title
                horizontalAlignment: Text.AlignHCenter
            }

            Row {
                id: dots
                objectName: "staffPinDots"
                readonly property int filled: root.pad.length
                anchors.horizontalCenter: parent.horizontalCenter
                height: root.theme.sizes.staffDots
                spacing: root.theme.sizes.gap

                Repeater {
                    model: Math.max(root.pad.minLength, root.pad.length)
                    delegate: Rectangle {
                        required property int index
                        anchors.verticalCenter: parent.verticalCenter
                        width: root.theme.sizes.staffDot
                        height: width
                        radius: width / 2
                        color: index < dots.filled ? root.theme.colors.text : root.theme.colors.dialog
                        border.width: root.theme.sizes.staffDotBorder
                        border.color: root.theme.colors.text
                    }
                }
            }

            StaffText {
                objectName: "staffPinMessage"
                width: parent.width
                height: Math.max(implicitHeight, Math.round(2.6 * font.pixelSize))
                theme: root.theme
                problem: root.pad.problem
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                text: root.pad.message !== "" ? root.pad.message : root.pad.texts.prompt
            }

            Grid {
                id: keys
                columns: 3
                spacing: root.gap

                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
                    delegate: KioskButton {
                        required property string modelData
                        objectName: "pinKey-" + modelData
                        theme: root.theme
                        guard: root.guard
                        width: root.keyWidth
                        height: root.keyHeight
                        text: modelData
                        fontSize: root.theme.sizes.staffKeyLabel
                        enabled: root.keysOn
                        onActivated: root.pad.pressDigit(modelData)
                    }
                }
                KioskButton {
                    objectName: "pinErase"
                    theme: root.theme
                    guard: root.guard
                    width: root.keyWidth
                    height: root.keyHeight
                    text: root.pad.texts.erase
                    fontSize: root.labelSize
                    enabled: root.keysOn && root.pad.length > 0
                    onActivated: root.pad.erase()
                }
                KioskButton {
                    objectName: "pinKey-0"
                    theme: root.theme
                    guard: root.guard
                    width: root.keyWidth
                    height: root.keyHeight
                    text: "0"
                    fontSize: root.theme.sizes.staffKeyLabel
                    enabled: root.keysOn
                    onActivated: root.pad.pressDigit("0")
                }
                KioskButton {
                    objectName: "pinOk"
                    theme: root.theme
                    guard: root.guard
                    width: root.keyWidth
                    height: root.keyHeight
                    primary: enabled
                    text: root.pad.texts.ok
                    fontSize: root.labelSize
                    enabled: root.keysOn && root.pad.length >= root.pad.minLength
                    onActivated: root.pad.submit()
                }
            }

            KioskButton {
                objectName: "pinCancel"
                width: parent.width
                height: root.keyHeight
                theme: root.theme
                guard: root.guard
                text: root.pad.texts.cancel
                fontSize: root.labelSize
                onActivated: root.pad.cancel()
            }
        }
    }
}
