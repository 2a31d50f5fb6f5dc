pragma ComponentBehavior: Bound
import QtQuick
import QtQml.Models
import Kiosk

// Page text as the blocks Python parsed from the page's Markdown (kiosk/patient/pages.py):
// paragraphs, headings and list items, one Text each, nested items indented, and callouts.
// The text is the app's own formatting of the parsed spans, with every character of the bundle
// escaped: no markup from a bundle reaches Qt's rich-text engine.
// Each row is as few items as it needs (a page opens in one frame): the delegate is chosen by kind.
Column {
    id: paragraphs

    required property Theme theme
    // [{kind: "text" | "bullet" | "number", style, depth, marker, gap, text}
    //  | {kind: "callout", level, label, gap, rows: [text, bullet and number rows]}]
    property var blocks: []
    property real fontSize: theme.sizes.body
    property int currentUnit: -1  // the row being read aloud (rows carry their narration unit)

    Repeater {
        model: paragraphs.blocks
        delegate: DelegateChooser {
            role: "kind"
            DelegateChoice {
                roleValue: "text"
                TextRow {
                    width: paragraphs.width
                    theme: paragraphs.theme
                    fontSize: paragraphs.fontSize
                    currentUnit: paragraphs.currentUnit
                }
            }
            DelegateChoice {
                roleValue: "bullet"
                BulletRow {
                    width: paragraphs.width
                    theme: paragraphs.theme
                    fontSize: paragraphs.fontSize
                    currentUnit: paragraphs.currentUnit
                }
            }
            DelegateChoice {
                roleValue: "number"
                NumberRow {
                    width: paragraphs.width
                    theme: paragraphs.theme
                    fontSize: paragraphs.fontSize
                    currentUnit: paragraphs.currentUnit
                }
            }
            DelegateChoice {
                roleValue: "callout"
                Item {
                    id: entry
                    required property var modelData
                    readonly property real gap: Math.round(paragraphs.fontSize * modelData.gap)

                    width: paragraphs.width
                    height: gap + callout.height

                    Callout {
                        id: callout
                        y: entry.gap
                        width: parent.width
                        theme: paragraphs.theme
                        fontSize: paragraphs.fontSize
                        level: entry.modelData.level
                        label: entry.modelData.label

                        Column {
                            width: callout.bodyWidth
                            Repeater {
                                model: entry.modelData.rows
                                delegate: DelegateChooser {
                                    role: "kind"
                                    DelegateChoice {
                                        roleValue: "text"
                                        TextRow {
                                            width: callout.bodyWidth
                                            theme: paragraphs.theme
                                            fontSize: paragraphs.fontSize
                                            currentUnit: paragraphs.currentUnit
                                        }
                                    }
                                    DelegateChoice {
                                        roleValue: "bullet"
                                        BulletRow {
                                            width: callout.bodyWidth
                                            theme: paragraphs.theme
                                            fontSize: paragraphs.fontSize
                                            currentUnit: paragraphs.currentUnit
                                        }
                                    }
                                    DelegateChoice {
                                        roleValue: "number"
                                        NumberRow {
                                            width: callout.bodyWidth
                                            theme: paragraphs.theme
                                            fontSize: paragraphs.fontSize
                                            currentUnit: paragraphs.currentUnit
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // The text of a row; `reading` while narration reads it (the screen's one ReadingMark then
    // moves into it).
    component BodyText: Text {
        id: bodyText

        required property var row
        required property Theme theme
        property real fontSize: theme.sizes.body
        property int currentUnit: -1
        readonly property bool reading: currentUnit >= 0 && row.unit === currentUnit

        objectName: "pageText"
        text: row.text
        textFormat: Text.StyledText
        wrapMode: Text.Wrap
        color: row.style === "h" ? theme.colors.heading : theme.colors.text
        font.pixelSize: fontSize
        font.bold: row.style === "h"
        lineHeight: 1.2
    }

    // A paragraph or heading: the space above it, and the text, which starts after the
    // indentation of its list level (wrapped lines hang under the text).
    component TextRow: Item {
        id: textRow

        required property var modelData
        required property Theme theme
        property real fontSize: theme.sizes.body
        property int currentUnit: -1
        readonly property real indent: Math.round(fontSize * 1.4)
        property real textX: modelData.depth * indent
        readonly property real gap: Math.round(fontSize * modelData.gap)

        height: gap + body.implicitHeight

        BodyText {
            id: body
            x: textRow.textX
            y: textRow.gap
            width: textRow.width - x
            row: textRow.modelData
            theme: textRow.theme
            fontSize: textRow.fontSize
            currentUnit: textRow.currentUnit
        }
    }

    // An item of a bulleted list: the bullet, a dot centred on the first line (hollow when
    // nested; cheaper than a Text), in the indentation before the text.
    component BulletRow: TextRow {
        id: bulletRow

        textX: (modelData.depth + 1) * indent

        Rectangle {
            x: bulletRow.textX - bulletRow.indent + Math.round(bulletRow.fontSize * 0.4)
            y: bulletRow.gap + Math.round(bulletRow.fontSize * 0.6 - height / 2)
            width: Math.round(bulletRow.fontSize * 0.28)
            height: width
            radius: width / 2
            color: bulletRow.modelData.depth > 0 ? "transparent" : bulletRow.theme.colors.text
            border.width: Math.max(1, Math.round(width / 4))
            border.color: bulletRow.theme.colors.text
        }
    }

    // An item of a numbered list: its number right-aligned before the text.
    component NumberRow: Item {
        id: numberRow

        required property var modelData
        required property Theme theme
        property real fontSize: theme.sizes.body
        property int currentUnit: -1
        readonly property real indent: Math.round(fontSize * 1.4)
        readonly property real textX: (modelData.depth + 1) * indent
        readonly property real gap: Math.round(fontSize * modelData.gap)

        height: gap + body.implicitHeight

        Text {
            x: numberRow.textX - numberRow.indent
            y: numberRow.gap
            width: numberRow.indent - Math.round(numberRow.fontSize * 0.3)
            horizontalAlignment: Text.AlignRight
            text: numberRow.modelData.marker
            textFormat: Text.PlainText
            color: numberRow.theme.colors.text
            font.pixelSize: numberRow.fontSize
            lineHeight: 1.2
        }
        BodyText {
            id: body
            x: numberRow.textX
            y: numberRow.gap
            width: numberRow.width - x
            row: numberRow.modelData
            theme: numberRow.theme
            fontSize: numberRow.fontSize
            currentUnit: numberRow.currentUnit
        }
    }
}
