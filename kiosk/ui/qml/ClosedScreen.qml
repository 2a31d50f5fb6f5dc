pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Outside opening hours: dark and still (no animation anywhere), the display switched off where
// the platform allows. It takes every touch, so nothing below reacts; the press that lands here
// wakes the kiosk as it ends (kiosk/patient/opening_hours.py), which then hides this screen.
// The staff corner sits above it and still counts its taps.
Rectangle {
    id: screen

    required property Theme theme

    objectName: "closedScreen"
    color: screen.theme.colors.closed

    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
    }

    Column {
        anchors.centerIn: parent
        width: parent.width - 2 * screen.theme.sizes.margin
        spacing: screen.theme.sizes.spacing

        Text {
            objectName: "closedTitle"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: screen.theme.colors.closedText
            font.family: screen.theme.fontFamily
            font.pixelSize: screen.theme.sizes.title
            text: "Closed · Cerrado"
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: screen.theme.colors.closedText
            font.family: screen.theme.fontFamily
            font.pixelSize: screen.theme.sizes.label
            text: "Touch the screen to wake it.\nToque la pantalla para encenderla."
        }
    }
}
