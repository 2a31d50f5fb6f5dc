pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Usage counts (kiosk/staff_ui/usage_section.py): page views per day as bars drawn with plain
// Rectangles (QtCharts is not in PySide6-Essentials), the most-read pages, the languages, and
// the CSV export. Counts below 5 arrive as "fewer than 5" and are drawn as a short hatched bar.
Column {
    id: section

    required property UsageSection controller
    required property TapGuard guard
    required property Theme theme

    readonly property real labelSize: theme.sizes.staffBody
    readonly property real chartHeight: theme.sizes.staffChart
    readonly property real chartText: controller.bars.length > 7 ? theme.sizes.staffChartDense : theme.sizes.staffSmall

    objectName: "staffSectionUsage"
    spacing: theme.sizes.spacing
    Component.onCompleted: section.controller.refresh()

    StaffText {
        width: parent.width
        theme: section.theme
        muted: true
        text: "Counts only: which pages were opened, in which language, on which day. Nothing "
            + "about who. Counts below 5 show as \u201cfewer than 5\u201d."
    }
    Row {
        spacing: section.theme.sizes.gap
        Repeater {
            model: [7, 30]
            delegate: KioskButton {
                id: periodButton
                required property int modelData
                objectName: "usagePeriod-" + modelData
                theme: section.theme
                guard: section.guard
                text: "Last " + modelData + " days"
                fontSize: section.labelSize
                checked: section.controller.period === periodButton.modelData
                onActivated: section.controller.setPeriod(periodButton.modelData)
            }
        }
    }

    StaffText {
        objectName: "usageEmpty"
        width: parent.width
        theme: section.theme
        visible: !section.controller.hasCounts
        text: "No pages have been counted yet."
    }

    StaffCard {
        width: parent.width
        theme: section.theme
        visible: section.controller.hasCounts

        StaffText {
            width: parent.width
            theme: section.theme
            size: "heading"
            text: "Pages opened per day"
        }
        Item {
            id: chart
            objectName: "usageChart"
            width: parent.width
            height: section.chartHeight + dayLabels.height
            readonly property var bars: section.controller.bars
            readonly property real slot: width / Math.max(1, bars.length)

            Rectangle {  // the baseline
                y: section.chartHeight
                width: parent.width
                height: section.theme.sizes.chartLine
                color: section.theme.colors.border
            }
            Repeater {
                model: chart.bars
                delegate: Item {
                    id: slotItem
                    required property var modelData
                    required property int index
                    objectName: "usageBar-" + modelData.date
                    x: index * chart.slot
                    width: chart.slot
                    height: section.chartHeight
                    readonly property real barHeight: Math.round(modelData.fraction * (section.chartHeight - valueLabel.height - section.theme.sizes.staffChartRoom))

                    Rectangle {
                        objectName: "usageBarFill"
                        anchors { bottom: parent.bottom; horizontalCenter: parent.horizontalCenter }
                        width: Math.max(section.theme.sizes.staffChartGap, chart.slot * 0.7)
                        height: slotItem.barHeight
                        color: slotItem.modelData.fewer ? section.theme.colors.surfaceAlt : section.theme.colors.accent
                        border.width: slotItem.modelData.fewer ? section.theme.sizes.chartLine : 0
                        border.color: section.theme.colors.accent
                    }
                    Text {
                        id: valueLabel
                        objectName: "usageBarText"
                        anchors { bottom: parent.bottom; bottomMargin: slotItem.barHeight + section.theme.sizes.staffChartGap; horizontalCenter: parent.horizontalCenter }
                        width: chart.slot
                        horizontalAlignment: Text.AlignHCenter
                        // Thirty narrow bars have no room for words: "<5", explained above.
                        text: slotItem.modelData.fewer && chart.bars.length > 7 ? "<5" : slotItem.modelData.text
                        wrapMode: Text.Wrap
                        color: section.theme.colors.text
                        font.family: section.theme.fontFamily
                        font.pixelSize: section.chartText
                    }
                }
            }
            Row {
                id: dayLabels
                y: section.chartHeight + section.theme.sizes.staffChartLabels
                Repeater {
                    model: chart.bars
                    delegate: Text {
                        id: dayLabel
                        required property var modelData
                        required property int index
                        width: chart.slot
                        horizontalAlignment: Text.AlignHCenter
                        // Every fifth day of thirty (a hidden item would collapse the Row).
                        text: chart.bars.length <= 7 || dayLabel.index % 5 === 0 || dayLabel.index === chart.bars.length - 1 ? dayLabel.modelData.label : ""
                        color: section.theme.colors.textMuted
                        font.family: section.theme.fontFamily
                        font.pixelSize: section.chartText
                    }
                }
            }
        }
        StaffText {
            objectName: "usageVisits"
            width: parent.width
            theme: section.theme
            muted: true
            visible: section.controller.visits !== ""
            text: "Screens that started over after a visit: " + section.controller.visits
        }
    }

    Row {
        width: parent.width
        spacing: section.theme.sizes.gap
        visible: section.controller.hasCounts
        Repeater {
            model: [
                { title: "Most-read pages", rows: section.controller.pages, name: "usagePages" },
                { title: "Languages used", rows: section.controller.languages, name: "usageLanguages" }
            ]
            delegate: StaffCard {
                id: listCard
                required property var modelData
                required property int index
                objectName: modelData.name
                width: (section.width - section.theme.sizes.gap) * (index === 0 ? 0.62 : 0.38)
                theme: section.theme
                StaffText {
                    width: parent.width
                    theme: section.theme
                    size: "heading"
                    text: listCard.modelData.title
                }
                Repeater {
                    model: listCard.modelData.rows
                    delegate: Item {
                        id: countRow
                        required property var modelData
                        width: listCard.width - 2 * listCard.pad  // the card's column
                        height: Math.max(nameText.implicitHeight, countText.implicitHeight)
                        StaffText {
                            id: nameText
                            width: parent.width - countText.width - section.theme.sizes.staffCountGap
                            theme: section.theme
                            text: countRow.modelData.name
                        }
                        StaffText {
                            id: countText
                            anchors.right: parent.right
                            theme: section.theme
                            font.bold: true
                            text: countRow.modelData.text
                        }
                    }
                }
            }
        }
    }

    StaffText {
        width: parent.width
        theme: section.theme
        size: "heading"
        spaced: true
        text: "Export the counts (CSV)"
    }
    StaffText {
        width: parent.width
        theme: section.theme
        muted: true
        visible: section.controller.targets.length === 0
        text: "Plug in a USB drive to export the counts."
    }
    Flow {
        width: parent.width
        spacing: section.theme.sizes.gap
        Repeater {
            model: section.controller.targets
            delegate: KioskButton {
                required property string modelData
                required property int index
                objectName: "usageExport-" + index
                theme: section.theme
                guard: section.guard
                text: "Write to " + modelData
                fontSize: section.labelSize
                enabled: !section.controller.exporting
                onActivated: section.controller.exportTo(index)
            }
        }
    }
    StaffText {
        objectName: "usageMessage"
        width: parent.width
        theme: section.theme
        problem: section.controller.messageKind === "problem"
        visible: text !== ""
        text: section.controller.message
    }
}
