import QtQuick

// The staff PIN pad: digits 0-9, Erase, OK and Cancel, no system keyboard. Dots show how many
// digits are typed, never which: the digits themselves stay in Python.
Item {
    id: pad

    required property QtObject controller
    required property QtObject theme

    readonly property real unit: theme.unit
    readonly property real gap: theme.sizes.spacing
    readonly property real keyHeight: Math.max(theme.sizes.target, Math.round(96 * unit))
    readonly property real keyWidth: Math.round(keyHeight * 1.4)
    readonly property real margin: theme.sizes.margin
    readonly property real labelSize: Math.round(30 * unit)
    readonly property bool keysOn: !controller.pinLocked && !controller.busy

    objectName: "staffPinPad"

    Rectangle {
        anchors.fill: parent
        color: pad.theme.colors.scrim

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
        width: keys.width + 2 * pad.margin
        height: column.implicitHeight + 2 * pad.margin
        radius: pad.theme.sizes.radius * 1.5
        color: pad.theme.colors.dialog
        border.width: pad.theme.highContrast ? 4 : 0
        border.color: pad.theme.colors.border

        Column {
            id: column
            x: pad.margin
            y: pad.margin
            width: keys.width
            spacing: pad.gap

            StaffText {
                objectName: "staffPinTitle"
                width: parent.width
                theme: pad.theme
                size: "title"
                text: "Staff PIN"
                horizontalAlignment: Text.AlignHCenter
            }

            Row {
                id: dots
                objectName: "staffPinDots"
                readonly property int filled: pad.controller.pinLength
                anchors.horizontalCenter: parent.horizontalCenter
                height: Math.round(36 * pad.unit)
                spacing: Math.round(16 * pad.unit)

                Repeater {
                    model: Math.max(pad.controller.pinMinLength, pad.controller.pinLength)
                    delegate: Rectangle {
                        required property int index
                        anchors.verticalCenter: parent.verticalCenter
                        width: Math.round(28 * pad.unit)
                        height: width
                        radius: width / 2
                        color: index < dots.filled ? pad.theme.colors.text : "transparent"
                        border.width: Math.max(2, Math.round(3 * pad.unit))
                        border.color: pad.theme.colors.text
                    }
                }
            }

            StaffText {
                objectName: "staffPinMessage"
                width: parent.width
                height: Math.max(implicitHeight, Math.round(2.6 * font.pixelSize))
                theme: pad.theme
                problem: pad.controller.pinMessage !== "" && !pad.controller.busy
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                text: pad.controller.busy ? pad.controller.busyText
                    : pad.controller.pinMessage !== "" ? pad.controller.pinMessage
                    : "Type the staff PIN, then OK."
            }

            Grid {
                id: keys
                columns: 3
                spacing: pad.gap

                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
                    delegate: KioskButton {
                        required property string modelData
                        objectName: "pinKey-" + modelData
                        theme: pad.theme
                        guard: pad.controller.guard
                        width: pad.keyWidth
                        height: pad.keyHeight
                        text: modelData
                        fontSize: Math.round(pad.labelSize * 1.3)
                        enabled: pad.keysOn
                        onActivated: pad.controller.pressDigit(modelData)
                    }
                }
                KioskButton {
                    objectName: "pinErase"
                    theme: pad.theme
                    guard: pad.controller.guard
                    width: pad.keyWidth
                    height: pad.keyHeight
                    text: "Erase"
                    fontSize: pad.labelSize
                    enabled: pad.keysOn && pad.controller.pinLength > 0
                    onActivated: pad.controller.erase()
                }
                KioskButton {
                    objectName: "pinKey-0"
                    theme: pad.theme
                    guard: pad.controller.guard
                    width: pad.keyWidth
                    height: pad.keyHeight
                    text: "0"
                    fontSize: Math.round(pad.labelSize * 1.3)
                    enabled: pad.keysOn
                    onActivated: pad.controller.pressDigit("0")
                }
                KioskButton {
                    objectName: "pinOk"
                    theme: pad.theme
                    guard: pad.controller.guard
                    width: pad.keyWidth
                    height: pad.keyHeight
                    primary: enabled
                    text: "OK"
                    fontSize: pad.labelSize
                    enabled: pad.keysOn && pad.controller.pinLength >= pad.controller.pinMinLength
                    onActivated: pad.controller.submitPin()
                }
            }

            KioskButton {
                objectName: "pinCancel"
                width: parent.width
                height: pad.keyHeight
                theme: pad.theme
                guard: pad.controller.guard
                text: "Cancel"
                fontSize: pad.labelSize
                onActivated: pad.controller.cancelPin()
            }
        }
    }
}
