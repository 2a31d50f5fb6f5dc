import QtQuick
import Kiosk

// Under the text being read aloud: a marker a little larger than the text, drawn behind it.
// One per screen, moved into the text being read (`target`): a marker inside every row cost a
// Rectangle per row, built at every page change.
Rectangle {
    required property Theme theme
    property Item target: null  // the text being read; none: the marker shows nowhere

    objectName: "readingMark"
    parent: target
    visible: target !== null
    z: -1
    anchors.fill: parent
    anchors.margins: -Math.round(theme.sizes.pad / 4)
    radius: theme.sizes.radius / 2
    color: theme.colors.reading
    border.width: theme.sizes.border
    border.color: theme.colors.readingBorder
}
