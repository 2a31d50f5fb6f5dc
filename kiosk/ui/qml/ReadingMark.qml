import QtQuick
import Kiosk

// Under the text being read aloud: a marker a little larger than the text, drawn behind it.
Rectangle {
    required property Theme theme
    property bool on: false

    objectName: "readingMark"
    visible: on
    z: -1
    anchors.fill: parent
    anchors.margins: -Math.round(theme.sizes.pad / 4)
    radius: theme.sizes.radius / 2
    color: theme.colors.reading
    border.width: theme.sizes.border
    border.color: theme.colors.readingBorder
}
