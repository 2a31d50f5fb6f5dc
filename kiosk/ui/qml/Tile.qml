pragma ComponentBehavior: Bound
import QtQuick

// A large illustrated tile on the home screen.
Tappable {
    id: tile

    property string title: ""
    property string illustration: ""
    property real imageHeight: width * 0.55
    property bool wide: false  // illustration left of the title instead of above it

    readonly property real pad: theme.sizes.pad

    accessibleName: title
    implicitHeight: wide
        ? Math.max(imageHeight, titleText.implicitHeight) + 2 * pad
        : imageHeight + titleText.implicitHeight + 3 * pad
    radius: theme.sizes.radius
    color: down ? theme.colors.pressed : theme.colors.surface
    border.width: theme.sizes.border
    border.color: theme.colors.border  // white in high contrast, like a button's

    Image {
        id: image
        x: tile.pad
        y: tile.pad
        width: tile.wide ? tile.imageHeight : tile.width - 2 * tile.pad
        height: tile.imageHeight
        source: tile.illustration
        sourceSize.width: tile.imageHeight
        sourceSize.height: tile.imageHeight
        fillMode: Image.PreserveAspectFit
        smooth: true
    }
    Text {
        textFormat: Text.PlainText
        id: titleText
        x: tile.wide ? image.x + image.width + tile.pad : tile.pad
        y: tile.wide ? (tile.height - height) / 2 : image.y + image.height + tile.pad
        width: tile.wide ? tile.width - image.width - 3 * tile.pad : tile.width - 2 * tile.pad
        text: tile.title
        wrapMode: Text.Wrap
        horizontalAlignment: tile.wide ? Text.AlignLeft : Text.AlignHCenter
        color: tile.theme.colors.text
        font.pixelSize: tile.theme.sizes.tileTitle
        font.bold: true
    }
}
