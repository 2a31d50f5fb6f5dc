pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A bordered box that holds one group of staff-mode content; its children stack in a Column.
Rectangle {
    id: card

    required property Theme theme
    property string tone: "plain"  // plain | ok | problem
    default property alias content: column.data
    readonly property real pad: theme.sizes.staffPad

    implicitHeight: column.implicitHeight + 2 * pad
    radius: theme.sizes.radius
    color: tone === "problem" ? theme.colors.questions
        : tone === "ok" ? theme.colors.surfaceAlt : theme.colors.surface
    border.width: theme.sizes.border
    border.color: tone === "problem" ? theme.colors.questionsBorder
        : tone === "ok" ? theme.colors.accent : theme.colors.border

    Column {
        id: column
        x: card.pad
        y: card.pad
        width: card.width - 2 * card.pad
        spacing: card.theme.sizes.gap
    }
}
