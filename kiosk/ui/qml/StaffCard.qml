import QtQuick

// A bordered box that holds one group of staff-mode content; its children stack in a Column.
Rectangle {
    id: card

    required property QtObject theme
    property string tone: "plain"  // plain | ok | problem
    default property alias content: column.data
    readonly property real pad: Math.round(28 * theme.unit)

    implicitHeight: column.implicitHeight + 2 * pad
    radius: theme.sizes.radius
    color: tone === "problem" ? theme.colors.questions
        : tone === "ok" ? theme.colors.surfaceAlt : theme.colors.surface
    border.width: theme.highContrast ? 3 : 2
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
