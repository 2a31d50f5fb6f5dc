pragma ComponentBehavior: Bound
import QtQuick

// Page text as the blocks Python parsed from the page's Markdown (kiosk/patient/pages.py):
// paragraphs, headings and list items, one Text each, nested items indented, and callouts.
// The text is the app's own formatting of the parsed spans, with every character of the bundle
// escaped: no markup from a bundle reaches Qt's rich-text engine.
Column {
    id: paragraphs

    required property QtObject theme
    // [{kind: "text", style, depth, marker, gap, text} | {kind: "callout", level, label, gap, rows}]
    property var blocks: []
    property real fontSize: theme.sizes.body

    Repeater {
        model: paragraphs.blocks
        delegate: Item {
            id: entry
            required property var modelData
            readonly property real gap: Math.round(paragraphs.fontSize * modelData.gap)

            width: paragraphs.width
            height: gap + loader.height

            Loader {
                id: loader
                y: entry.gap
                width: parent.width
                sourceComponent: entry.modelData.kind === "callout" ? calloutBlock : textBlock
            }
            Component {
                id: textBlock
                TextRow {
                    row: entry.modelData
                    theme: paragraphs.theme
                    fontSize: paragraphs.fontSize
                }
            }
            Component {
                id: calloutBlock
                Callout {
                    id: callout
                    theme: paragraphs.theme
                    fontSize: paragraphs.fontSize
                    level: entry.modelData.level
                    label: entry.modelData.label

                    Column {
                        width: callout.bodyWidth
                        Repeater {
                            model: entry.modelData.rows
                            delegate: TextRow {
                                required property var modelData
                                width: callout.bodyWidth
                                theme: paragraphs.theme
                                fontSize: paragraphs.fontSize
                                row: modelData
                                topGap: Math.round(paragraphs.fontSize * modelData.gap)
                            }
                        }
                    }
                }
            }
        }
    }

    // One paragraph, heading or list item: its marker hangs left of the text, so wrapped lines
    // line up under the text, not under the bullet.
    component TextRow: Item {
        id: textRow

        required property QtObject theme
        property real fontSize: theme.sizes.body
        property var row: ({})
        property real topGap: 0
        readonly property bool item: row.style === "item"
        readonly property real indent: Math.round(textRow.fontSize * 1.4)
        readonly property real textX: (row.depth || 0) * indent + (item ? indent : 0)

        implicitHeight: topGap + body.implicitHeight

        // A dot for a bullet (hollow when nested), centred on the first line.
        Rectangle {
            visible: textRow.item && textRow.row.marker === "bullet"
            x: textRow.textX - textRow.indent + Math.round(textRow.fontSize * 0.4)
            y: textRow.topGap + Math.round(textRow.fontSize * 0.6 - height / 2)
            width: Math.round(textRow.fontSize * 0.28)
            height: width
            radius: width / 2
            color: (textRow.row.depth || 0) > 0 ? "transparent" : textRow.theme.colors.text
            border.width: Math.max(1, Math.round(width / 4))
            border.color: textRow.theme.colors.text
        }
        // The number of an ordered item, right-aligned before the text.
        Text {
            visible: textRow.item && textRow.row.marker !== "bullet"
            x: textRow.textX - textRow.indent
            y: textRow.topGap
            width: textRow.indent - Math.round(textRow.fontSize * 0.3)
            horizontalAlignment: Text.AlignRight
            text: visible ? textRow.row.marker : ""
            textFormat: Text.PlainText
            color: textRow.theme.colors.text
            font.family: textRow.theme.fontFamily
            font.pixelSize: textRow.fontSize
            lineHeight: 1.2
        }
        Text {
            id: body
            objectName: "pageText"
            x: textRow.textX
            y: textRow.topGap
            width: textRow.width - x
            text: textRow.row.text || ""
            textFormat: Text.StyledText
            wrapMode: Text.Wrap
            color: textRow.row.style === "h" ? textRow.theme.colors.heading : textRow.theme.colors.text
            font.family: textRow.theme.fontFamily
            font.pixelSize: textRow.fontSize
            font.bold: textRow.row.style === "h"
            lineHeight: 1.2
        }
    }
}
