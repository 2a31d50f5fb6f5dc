pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Preview of an authoring folder: the problems of the last save, readable, over the app (which
// keeps showing the last version that was valid). Takes no input.
Item {
    id: overlay

    required property BundlePreview preview  // null unless previewing
    required property Theme theme

    Rectangle {
        objectName: "previewOverlay"
        visible: overlay.preview.problems.length > 0
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Math.min(parent.height * 0.55, column.implicitHeight + 2 * overlay.theme.sizes.margin)
        color: overlay.theme.colors.previewBack
        clip: true

        Column {
            id: column
            x: overlay.theme.sizes.margin
            y: overlay.theme.sizes.margin
            width: parent.width - 2 * overlay.theme.sizes.margin
            spacing: overlay.theme.sizes.pad / 2

            Text {
                textFormat: Text.PlainText
                objectName: "previewSummary"
                width: parent.width
                text: overlay.preview.summary
                wrapMode: Text.Wrap
                color: overlay.theme.colors.previewText
                font.pixelSize: overlay.theme.sizes.previewSummary
                font.bold: true
            }
            Repeater {
                model: overlay.preview.problems
                delegate: Text {
                    textFormat: Text.PlainText
                    required property string modelData
                    width: column.width
                    text: modelData
                    wrapMode: Text.WrapAnywhere
                    color: overlay.theme.colors.previewText
                    font.family: overlay.theme.monoFontFamily
                    font.pixelSize: overlay.theme.sizes.previewLine
                }
            }
        }
    }
}
