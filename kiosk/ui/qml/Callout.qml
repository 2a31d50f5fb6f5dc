pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A "get help right away" (emergency) or "call your doctor" box inside page text. It says what
// it is with an icon AND a label, never by colour alone; its colours come from the theme (both
// themes are checked for contrast), and it grows with its text at every text size.
Rectangle {
    id: callout

    required property Theme theme
    property real fontSize: theme.sizes.body
    property string level: "doctor"  // "emergency" or "doctor"
    property string label: ""
    default property alias content: body.data
    readonly property real pad: Math.round(fontSize * 0.6)
    readonly property real bodyWidth: width - 2 * pad
    readonly property bool emergency: level === "emergency"
    readonly property color ink: emergency ? theme.colors.emergencyText : theme.colors.doctorText
    // Drawn on a 24x24 grid like Icon.qml: a warning sign, or a telephone.
    readonly property string iconPath: emergency
        ? "M 12 3 L 22 20.5 L 2 20.5 Z M 12 9.5 L 12 14 M 12 17.2 L 12 17.3"
        : "M 6 3 L 9.5 3 L 11 7.5 L 8.5 9.5 C 9.5 12 12 14.5 14.5 15.5 L 16.5 13 L 21 14.5 L 21 18 C 21 19.5 19.5 21 18 21 C 10 21 3 14 3 6 C 3 4.5 4.5 3 6 3 Z"

    objectName: "callout_" + level
    implicitHeight: column.implicitHeight + 2 * pad
    height: implicitHeight
    color: emergency ? theme.colors.emergency : theme.colors.doctor
    radius: theme.sizes.radius
    border.width: theme.sizes.calloutBorder
    border.color: ink

    Column {
        id: column
        x: callout.pad
        y: callout.pad
        width: callout.bodyWidth
        spacing: Math.round(callout.fontSize * 0.4)

        Item {
            width: parent.width
            height: Math.max(icon.height, title.implicitHeight)

            Image {
                id: icon
                width: Math.round(callout.fontSize * 1.3)
                height: width
                anchors.verticalCenter: title.lineCount > 1 ? undefined : parent.verticalCenter
                sourceSize.width: Math.max(1, width)
                sourceSize.height: Math.max(1, height)
                smooth: true
                source: "data:image/svg+xml;utf8," + encodeURIComponent(
                    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="'
                    + callout.iconPath + '" fill="none" stroke="' + callout.ink
                    + '" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>')
            }
            Text {
                id: title
                objectName: "calloutLabel"
                x: icon.width + Math.round(callout.fontSize * 0.4)
                width: parent.width - x
                anchors.verticalCenter: parent.verticalCenter
                text: callout.label
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                color: callout.ink
                font.pixelSize: Math.round(callout.fontSize * 1.05)
                font.bold: true
            }
        }
        Item {
            id: body
            width: parent.width
            height: childrenRect.height
        }
    }
}
