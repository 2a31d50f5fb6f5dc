pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The staff log: installs, rollbacks, refusals, PIN failures, exits; the newest first.
Column {
    id: section

    required property LogSection controller
    required property JobRunner jobs
    required property TapGuard guard
    required property Theme theme

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
            id: row
            required property var modelData
            required property int index
            objectName: "staffLogEntry-" + index
            width: parent.width
            height: entry.implicitHeight + 2 * section.theme.sizes.gap
            radius: section.theme.sizes.radius / 2
            color: index % 2 === 0 ? section.theme.colors.surface : section.theme.colors.background
            border.width: section.theme.sizes.hairline
            border.color: section.theme.colors.border

            Row {
                id: entry
                x: section.theme.sizes.gap
                y: section.theme.sizes.gap
                width: parent.width - 2 * section.theme.sizes.gap
                spacing: section.theme.sizes.spacing

                StaffText {
                    id: when
                    width: section.theme.sizes.staffWhen
                    theme: section.theme
                    muted: true
                    size: "small"
                    text: row.modelData.when
                }
                StaffText {
                    objectName: "staffLogText-" + row.index
                    width: parent.width - when.width - parent.spacing
                    theme: section.theme
                    size: "small"
                    text: row.modelData.text
                }
            }
        }
    }
}
