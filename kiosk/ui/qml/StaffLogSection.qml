import QtQuick

// The staff log: installs, rollbacks, refusals, PIN failures, exits; the newest first.
Column {
    id: section

    required property QtObject controller
    required property QtObject jobs
    required property QtObject guard
    required property QtObject theme

    objectName: "staffSectionLog"
    spacing: theme.sizes.gap

    StaffText {
        width: parent.width
        theme: section.theme
        size: "heading"
        text: "Staff log"
    }
    StaffText {
        width: parent.width
        theme: section.theme
        muted: true
        text: section.controller.entries.length > 0
            ? "What staff did on this kiosk and what it refused, the newest first."
            : "Nothing has been logged yet."
    }
    Repeater {
        model: section.controller.entries
        delegate: Rectangle {
            required property var modelData
            required property int index
            objectName: "staffLogEntry-" + index
            width: parent.width
            height: entry.implicitHeight + 2 * section.theme.sizes.gap
            radius: section.theme.sizes.radius / 2
            color: index % 2 === 0 ? section.theme.colors.surface : section.theme.colors.background
            border.width: 1
            border.color: section.theme.colors.border

            Row {
                id: entry
                x: section.theme.sizes.gap
                y: section.theme.sizes.gap
                width: parent.width - 2 * section.theme.sizes.gap
                spacing: section.theme.sizes.spacing

                StaffText {
                    id: when
                    width: Math.round(300 * section.theme.unit)
                    theme: section.theme
                    muted: true
                    size: "small"
                    text: modelData.when
                }
                StaffText {
                    objectName: "staffLogText-" + index
                    width: parent.width - when.width - parent.spacing
                    theme: section.theme
                    size: "small"
                    text: modelData.text
                }
            }
        }
    }
}
