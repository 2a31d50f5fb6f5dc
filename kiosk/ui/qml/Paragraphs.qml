import QtQuick

// Rendered page text: one Text per paragraph or list item, space between paragraphs, and
// bullets whose wrapped lines hang under the text, not under the bullet.
Column {
    id: paragraphs

    required property QtObject theme
    property var blocks: []  // [{kind: "p" | "li", html}]
    property real fontSize: theme.sizes.body

    spacing: Math.round(fontSize * 0.3)

    Repeater {
        model: paragraphs.blocks
        delegate: Item {
            id: block
            required property var modelData
            required property int index
            readonly property bool item: modelData.kind === "li"
            readonly property bool afterParagraph: index > 0 && !(item && paragraphs.blocks[index - 1].kind === "li")
            readonly property real gap: afterParagraph ? Math.round(paragraphs.fontSize * 0.4) : 0

            width: paragraphs.width
            height: gap + body.implicitHeight

            // The bullet: a dot, centred on the first line (cheaper than a Text per item).
            Rectangle {
                id: bullet
                visible: block.item
                x: Math.round(paragraphs.fontSize * 0.4)
                y: block.gap + Math.round(paragraphs.fontSize * 0.6 - height / 2)
                width: Math.round(paragraphs.fontSize * 0.28)
                height: width
                radius: width / 2
                color: paragraphs.theme.colors.text
            }
            Text {
                id: body
                x: block.item ? Math.round(paragraphs.fontSize * 1.2) : 0
                y: block.gap
                width: parent.width - x
                text: block.modelData.html
                textFormat: Text.StyledText
                wrapMode: Text.Wrap
                color: paragraphs.theme.colors.text
                font.family: paragraphs.theme.fontFamily
                font.pixelSize: paragraphs.fontSize
                lineHeight: 1.2
            }
        }
    }
}
